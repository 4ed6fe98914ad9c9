package dev.llmgateway.server.admin;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.config.ConfigSource;
import dev.llmgateway.server.config.DispatchConfig;
import dev.llmgateway.server.config.GatewayConfig;
import dev.llmgateway.server.config.InvalidConfigException;
import dev.llmgateway.v1.ReloadConfigResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Reloads the configuration file the gateway started with: validates all of it first (an invalid file changes
 * nothing), then puts its providers, models and their routes in effect, and reports which other sections differ
 * and wait for a restart. The listen address given on the command line is not a difference.
 */
@Singleton
final class ConfigReload {
  private static final Logger logger = Logger.getLogger(ConfigReload.class.getName());

  private final ConfigSource source;
  private final RuntimeCatalog runtime;
  private final AuditTrail audit;

  @Inject
  ConfigReload(ConfigSource source, RuntimeCatalog runtime, AuditTrail audit) {
    this.source = source;
    this.runtime = runtime;
    this.audit = audit;
  }

  ReloadConfigResponse reload() {
    GatewayConfig next;
    try {
      next = source.load();
    } catch (InvalidConfigException e) {
      // The loader's messages name file, line and key, and never a secret's value.
      throw AdminCalls.precondition("configuration not reloaded, nothing changed: " + e.getMessage());
    }
    synchronized (runtime) {
      GatewayConfig running = runtime.file();
      try {
        // Applies the file's providers, models and routes, with the run-time route changes over them.
        runtime.apply(next, runtime.runtimeProviders(), runtime.runtimeModels());
      } catch (InvalidConfigException e) {
        throw AdminCalls.precondition("configuration not reloaded, nothing changed: " + e.getMessage());
      }
      List<String> restart = new ArrayList<>();
      if (!next.server().withListen(running.server().host(), running.server().port()).equals(running.server())) {
        restart.add("server");
      }
      addIfChanged(restart, "http", next.http(), running.http());
      addIfChanged(restart, "discovery", next.discovery(), running.discovery());
      addIfChanged(restart, "telemetry", next.telemetry(), running.telemetry());
      addIfChanged(restart, "store", next.store(), running.store());
      addIfChanged(restart, "quotas", next.quotas(), running.quotas());
      addIfChanged(restart, "cache", next.cache(), running.cache());
      DispatchConfig d = next.dispatch();
      DispatchConfig r = running.dispatch();
      addIfChanged(restart, "deadlines and resilience", List.of(d.defaultDeadline(), d.maxDeadline(),
          d.timeToFirstToken(), d.streamIdle(), d.providers(), d.providerDefaults()), List.of(r.defaultDeadline(),
          r.maxDeadline(), r.timeToFirstToken(), r.streamIdle(), r.providers(), r.providerDefaults()));
      addIfChanged(restart, "auth", next.auth(), running.auth());
      ReloadConfigResponse response = ReloadConfigResponse.newBuilder()
          .setSource(source.describe())
          .addApplied("providers")
          .addApplied("models")
          .addApplied("routes")
          .addAllRestartRequired(restart)
          .build();
      audit.record("ReloadConfig", "config/" + source.describe(), null, response);
      logger.info(() -> "configuration reloaded from " + source.describe() + "; restart required for " + restart);
      return response;
    }
  }

  private static void addIfChanged(List<String> out, String section, Object next, Object running) {
    if (!next.equals(running)) {
      out.add(section);
    }
  }
}
