package dev.llmgateway.server.routing;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.config.DiscoveryConfig;
import dev.llmgateway.server.config.GatewayConfig;
import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.lifecycle.Managed;
import dev.llmgateway.server.providers.DiscoveredModel;
import dev.llmgateway.server.providers.ProviderAdapter;
import dev.llmgateway.server.providers.ProviderRegistry;
import dev.llmgateway.server.providers.ResultSink;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Asks every enabled provider with {@code discover-models = true} for its model list, at start-up, every
 * {@code discovery.interval}, and when {@link #refresh()} is called, and merges the answers into the
 * {@link ModelCatalog}. A provider whose listing fails keeps its previously discovered models.
 */
@Singleton
public final class ModelDiscovery implements Managed {
  private static final Logger logger = Logger.getLogger(ModelDiscovery.class.getName());

  private final DiscoveryConfig config;
  private final List<ProviderConfig> providers;
  private final ProviderRegistry registry;
  private final ModelCatalog catalog;
  private ScheduledExecutorService scheduler;

  @Inject
  ModelDiscovery(GatewayConfig config, ProviderRegistry registry, ModelCatalog catalog) {
    this.config = config.discovery();
    this.providers = config.providers().values().stream().filter(ProviderConfig::discoverModels).toList();
    this.registry = registry;
    this.catalog = catalog;
  }

  @Override
  public synchronized void start() {
    if (providers.isEmpty() || scheduler != null) {
      return;
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "model-discovery");
      t.setDaemon(true);
      return t;
    });
    long interval = config.interval().toMillis();
    if (interval > 0) {
      scheduler.scheduleWithFixedDelay(this::refresh, 0, interval, TimeUnit.MILLISECONDS);
    } else {
      scheduler.execute(this::refresh);
    }
  }

  /**
   * Asks every discovering provider now; the future completes, never exceptionally, with each provider's
   * outcome: the number of models found, or the failure that left its previous models in place.
   */
  public CompletableFuture<Map<String, Outcome>> refresh() {
    Map<String, CompletableFuture<Outcome>> pending = new LinkedHashMap<>();
    for (ProviderConfig provider : providers) {
      ProviderAdapter adapter = registry.adapter(provider.name()).orElse(null);
      if (adapter == null) {
        continue;
      }
      CompletableFuture<Outcome> outcome = new CompletableFuture<>();
      pending.put(provider.name(), outcome);
      adapter.listModels(config.timeout(), new ResultSink<>() {
        @Override
        public void onSuccess(List<DiscoveredModel> models) {
          catalog.replaceDiscovered(provider.name(), models);
          outcome.complete(new Outcome(models.size(), null));
        }

        @Override
        public void onError(GatewayException error) {
          logger.log(Level.WARNING, "model discovery for provider '" + provider.name() + "' failed ("
              + error.kind() + ": " + error.getMessage() + "); keeping its previous models");
          outcome.complete(new Outcome(-1, error));
        }
      });
    }
    return CompletableFuture.allOf(pending.values().toArray(CompletableFuture[]::new)).thenApply(done -> {
      Map<String, Outcome> out = new LinkedHashMap<>();
      pending.forEach((name, f) -> out.put(name, f.join()));
      return out;
    });
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }

  /**
   * One provider's discovery result.
   *
   * @param models how many models it reported, or -1 when it failed
   * @param error the failure, or null
   */
  public record Outcome(int models, @javax.annotation.Nullable GatewayException error) {}
}
