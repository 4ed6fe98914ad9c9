package dev.llmgateway.server.admin;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.llmgateway.server.accounting.KeyQuotas;
import dev.llmgateway.server.config.GatewayConfig;
import dev.llmgateway.server.config.InvalidConfigException;
import dev.llmgateway.server.config.ModelConfig;
import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.config.QuotaLimits;
import dev.llmgateway.server.config.RoutePolicy;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.lifecycle.Managed;
import dev.llmgateway.server.providers.ProviderRegistry;
import dev.llmgateway.server.routing.ModelCatalog;
import dev.llmgateway.server.routing.RouteTable;
import dev.llmgateway.server.store.CatalogStore;
import dev.llmgateway.server.store.RuntimeEntry;
import dev.llmgateway.server.store.StoreChange;
import dev.llmgateway.server.store.StoreChanges;
import dev.llmgateway.server.store.StoreUnavailableException;
import dev.llmgateway.v1.KeyQuota;
import dev.llmgateway.v1.ModelEntry;
import dev.llmgateway.v1.ModelRoute;
import dev.llmgateway.v1.ProviderEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The providers and catalogue entries in effect: the configuration file's, then those added at run time and kept
 * in the {@link CatalogStore}; and the key quotas set at run time. The file wins: a run-time entry whose name the file uses is kept in the store but
 * has no effect (and is logged). Loads the run-time part at start and again whenever a replica announces a
 * catalogue change. Thread-safe; changes are serialised.
 */
@Singleton
final class RuntimeCatalog implements Managed {
  private static final Logger logger = Logger.getLogger(RuntimeCatalog.class.getName());

  private final ProviderRegistry providers;
  private final ModelCatalog catalog;
  private final RouteTable routes;
  private final CatalogStore store;
  private final StoreChanges changes;
  private final KeyQuotas quotas;
  private GatewayConfig file;
  private Map<String, ProviderConfig> runtimeProviders = Map.of();
  private Map<String, ModelConfig> runtimeModels = Map.of();
  private Map<String, ModelRoute> routeChanges = Map.of();

  @Inject
  RuntimeCatalog(GatewayConfig file, ProviderRegistry providers, ModelCatalog catalog, RouteTable routes,
      CatalogStore store, StoreChanges changes, KeyQuotas quotas) {
    this.file = file;
    this.routes = routes;
    this.quotas = quotas;
    this.providers = providers;
    this.catalog = catalog;
    this.store = store;
    this.changes = changes;
  }

  @Override
  public void start() {
    changes.subscribe(change -> {
      if (change.kind() == StoreChange.Kind.CATALOG) {
        tryReload("could not load the run-time catalogue another replica changed");
      }
    });
    // A store that is down at start must not stop the gateway: it serves the file's catalogue, and a shared
    // store announces a change when it is back (the change feed resubscribes), which loads the rest.
    tryReload("could not load the run-time catalogue at start; serving the configuration file's");
  }

  private void tryReload(String failure) {
    try {
      reloadFromStore();
    } catch (StoreUnavailableException | InvalidConfigException e) {
      logger.log(Level.WARNING, failure, e);
    }
  }

  @Override
  public void close() {
    // Nothing runs in the background.
  }

  /** Returns the configuration file's part. */
  synchronized GatewayConfig file() {
    return file;
  }

  /** Returns the run-time providers, by name. */
  synchronized Map<String, ProviderConfig> runtimeProviders() {
    return runtimeProviders;
  }

  /** Returns the run-time entries, by id. */
  synchronized Map<String, ModelConfig> runtimeModels() {
    return runtimeModels;
  }

  /** Returns the run-time route changes, by model id. */
  synchronized Map<String, ModelRoute> routeChanges() {
    return routeChanges;
  }

  /** Reads the run-time part from the store and applies it. */
  synchronized void reloadFromStore() {
    Map<String, ProviderConfig> p = new LinkedHashMap<>();
    for (RuntimeEntry e : store.list(RuntimeEntry.Kind.PROVIDER)) {
      p.put(e.name(), CatalogMessages.providerConfig(parse(e, ProviderEntry.parser()), e.credential()));
    }
    Map<String, ModelConfig> m = new LinkedHashMap<>();
    for (RuntimeEntry e : store.list(RuntimeEntry.Kind.MODEL)) {
      m.put(e.name(), CatalogMessages.modelConfig(parse(e, ModelEntry.parser())));
    }
    Map<String, ModelRoute> r = new LinkedHashMap<>();
    for (RuntimeEntry e : store.list(RuntimeEntry.Kind.ROUTE)) {
      r.put(e.name(), parse(e, ModelRoute.parser()));
    }
    routeChanges = Map.copyOf(r);
    apply(file, p, m);
    reloadQuotas();
  }

  /** Reads the run-time key quotas from the store and applies them. */
  synchronized void reloadQuotas() {
    Map<String, QuotaLimits> limits = new LinkedHashMap<>();
    for (RuntimeEntry e : store.list(RuntimeEntry.Kind.KEY_QUOTA)) {
      limits.put(e.name(), ApiKeyMessages.limits(parse(e, KeyQuota.parser())));
    }
    quotas.replace(limits);
  }

  /**
   * Puts {@code fileConfig}, {@code providersNow} and {@code modelsNow} in effect, or changes nothing when a
   * provider's adapter cannot be created.
   *
   * @throws InvalidConfigException when a provider is rejected
   */
  synchronized void apply(GatewayConfig fileConfig, Map<String, ProviderConfig> providersNow,
      Map<String, ModelConfig> modelsNow) {
    Map<String, ProviderConfig> merged = new LinkedHashMap<>(fileConfig.providers());
    for (ProviderConfig p : providersNow.values()) {
      if (merged.putIfAbsent(p.name(), p) != null) {
        logger.warning(() -> "run-time provider '" + p.name() + "' is shadowed by the configuration file's");
      }
    }
    providers.replace(merged);
    catalog.replaceEntries(entries(fileConfig, modelsNow, routeChanges));
    applyRoutes(fileConfig, routeChanges);
    this.file = fileConfig;
    this.runtimeProviders = Map.copyOf(providersNow);
    this.runtimeModels = Map.copyOf(modelsNow);
  }

  /**
   * Puts {@code changes} in effect over the file's routes, or throws INVALID_REQUEST and changes nothing when
   * they do not fit the catalogue (the caller checks aliases, which the catalogue takes as they come).
   */
  synchronized void changeRoutes(Map<String, ModelRoute> changes) {
    routes.replace(policies(file, changes));
    catalog.replaceEntries(entries(file, runtimeModels, changes));
    routeChanges = Map.copyOf(changes);
  }

  /**
   * Returns the catalogue entries in effect: the file's, with run-time alias changes, then the run-time models
   * whose names the file does not use (a shadowed one is logged and left out).
   */
  private static List<ModelConfig> entries(GatewayConfig fileConfig, Map<String, ModelConfig> modelsNow,
      Map<String, ModelRoute> changes) {
    List<ModelConfig> entries = new ArrayList<>();
    for (ModelConfig m : fileConfig.models().values()) {
      ModelRoute change = changes.get(m.id());
      entries.add(change == null ? m : m.withAliases(change.getAliasesList()));
    }
    Set<String> names = namesOf(entries);
    for (ModelConfig m : modelsNow.values()) {
      List<String> own = new ArrayList<>(m.aliases());
      own.add(m.id());
      if (own.stream().anyMatch(names::contains)) {
        logger.warning(() -> "run-time model '" + m.id() + "' is shadowed by a configuration file name");
        continue;
      }
      names.addAll(own);
      entries.add(m);
    }
    return entries;
  }

  // Route changes a newer file no longer fits (a fallback it dropped) are kept in the store but left out.
  private void applyRoutes(GatewayConfig fileConfig, Map<String, ModelRoute> changes) {
    try {
      routes.replace(policies(fileConfig, changes));
    } catch (GatewayException e) {
      logger.log(Level.WARNING, "run-time route changes do not fit the configuration; serving the file's routes", e);
      routes.replace(fileConfig.dispatch().routes());
    }
  }

  private static Map<String, RoutePolicy> policies(GatewayConfig fileConfig, Map<String, ModelRoute> changes) {
    Map<String, RoutePolicy> out = new LinkedHashMap<>(fileConfig.dispatch().routes());
    changes.forEach((id, change) -> {
      RoutePolicy policy = out.get(id);
      if (policy != null) {
        out.put(id, RouteMessages.applied(policy, change));
      }
    });
    return out;
  }

  /** Returns every id and alias of {@code models}. */
  static Set<String> namesOf(Iterable<ModelConfig> models) {
    Set<String> names = new HashSet<>();
    for (ModelConfig m : models) {
      names.add(m.id());
      names.addAll(m.aliases());
    }
    return names;
  }

  private static <T> T parse(RuntimeEntry e, com.google.protobuf.Parser<T> parser) {
    try {
      return parser.parseFrom(e.spec());
    } catch (InvalidProtocolBufferException ex) {
      throw new InvalidConfigException("run-time " + e.kind() + " '" + e.name() + "' in the store is unreadable", ex);
    }
  }
}
