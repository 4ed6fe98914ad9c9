package dev.llmgateway.server.admin;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.config.InvalidConfigException;
import dev.llmgateway.server.config.ModelConfig;
import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.config.Secret;
import dev.llmgateway.server.store.CatalogStore;
import dev.llmgateway.server.store.RuntimeEntry;
import dev.llmgateway.server.store.StoreChange;
import dev.llmgateway.server.store.StoreChanges;
import dev.llmgateway.v1.EntrySource;
import dev.llmgateway.v1.ListModelEntriesRequest;
import dev.llmgateway.v1.ListModelEntriesResponse;
import dev.llmgateway.v1.ListProvidersResponse;
import dev.llmgateway.v1.ModelEntry;
import dev.llmgateway.v1.ProviderEntry;
import dev.llmgateway.v1.UpsertProviderRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The provider and catalogue-entry RPCs. Run-time changes are checked, put in effect (which creates the
 * provider's adapter, so a bad one changes nothing), stored, announced to the other replicas and audited.
 * Names the configuration file declares are read-only here. Credentials are write-only.
 */
@Singleton
final class CatalogAdmin {
  private static final String TOKEN_KIND = "models";

  private final RuntimeCatalog runtime;
  private final CatalogStore store;
  private final StoreChanges changes;
  private final AuditTrail audit;
  private final Clock clock;

  @Inject
  CatalogAdmin(RuntimeCatalog runtime, CatalogStore store, StoreChanges changes, AuditTrail audit, Clock clock) {
    this.runtime = runtime;
    this.store = store;
    this.changes = changes;
    this.audit = audit;
    this.clock = clock;
  }

  ListProvidersResponse listProviders() {
    ListProvidersResponse.Builder response = ListProvidersResponse.newBuilder();
    providers().values().forEach(response::addProviders);
    return response.build();
  }

  ProviderEntry provider(String name) {
    return Optional.ofNullable(providers().get(name))
        .orElseThrow(() -> AdminCalls.notFound("provider '" + name + "'"));
  }

  ProviderEntry upsertProvider(UpsertProviderRequest request) {
    synchronized (runtime) {
      String name = request.getProvider().getName();
      if (runtime.file().providers().containsKey(name)) {
        throw AdminCalls.precondition("provider '" + name + "' is declared in the configuration file, which wins;"
            + " change it there and call ReloadConfig");
      }
      ProviderConfig before = runtime.runtimeProviders().get(name);
      Optional<Secret> credential = request.getClearCredential() ? Optional.empty()
          : !request.getCredential().isEmpty() ? Optional.of(new Secret(request.getCredential()))
          : Optional.ofNullable(before).flatMap(ProviderConfig::apiKey);
      ProviderEntry spec = CatalogMessages.stored(request.getProvider());
      ProviderConfig after = CatalogMessages.providerConfig(spec, credential);
      Map<String, ProviderConfig> providersNow = new LinkedHashMap<>(runtime.runtimeProviders());
      providersNow.put(name, after);
      commit(providersNow, runtime.runtimeModels(), () -> store.put(new RuntimeEntry(RuntimeEntry.Kind.PROVIDER, name,
          spec.toByteArray(), credential, clock.instant())));
      ProviderEntry message = CatalogMessages.toMessage(after, EntrySource.ENTRY_SOURCE_RUNTIME);
      changed("UpsertProvider", "provider/" + name,
          before == null ? null : CatalogMessages.toMessage(before, EntrySource.ENTRY_SOURCE_RUNTIME), message);
      return message;
    }
  }

  void deleteProvider(String name) {
    synchronized (runtime) {
      ProviderConfig before = runtimeOnly(runtime.runtimeProviders(), name, "provider '" + name + "'");
      for (ModelConfig m : runtime.runtimeModels().values()) {
        if (m.provider().equals(name)) {
          throw AdminCalls.precondition("provider '" + name + "' still serves run-time model '" + m.id()
              + "'; delete that first");
        }
      }
      Map<String, ProviderConfig> providersNow = new LinkedHashMap<>(runtime.runtimeProviders());
      providersNow.remove(name);
      commit(providersNow, runtime.runtimeModels(), () -> store.delete(RuntimeEntry.Kind.PROVIDER, name));
      changed("DeleteProvider", "provider/" + name, CatalogMessages.toMessage(before, EntrySource.ENTRY_SOURCE_RUNTIME),
          null);
    }
  }

  ListModelEntriesResponse listModels(ListModelEntriesRequest request) {
    int size = PageTokens.size(request.getPageSize());
    String after = PageTokens.decode(TOKEN_KIND, request.getPageToken());
    List<ModelEntry> rest = models().stream().filter(m -> m.getId().compareTo(after) > 0).toList();
    ListModelEntriesResponse.Builder response = ListModelEntriesResponse.newBuilder()
        .addAllModels(rest.subList(0, Math.min(size, rest.size())));
    if (rest.size() > size) {
      response.setNextPageToken(PageTokens.encode(TOKEN_KIND, rest.get(size - 1).getId()));
    }
    return response.build();
  }

  ModelEntry model(String id) {
    return models().stream().filter(m -> m.getId().equals(id)).findFirst()
        .orElseThrow(() -> AdminCalls.notFound("model '" + id + "'"));
  }

  ModelEntry upsertModel(ModelEntry requested) {
    synchronized (runtime) {
      ModelEntry spec = CatalogMessages.stored(requested);
      ModelConfig after = CatalogMessages.modelConfig(spec);
      Set<String> fileNames = RuntimeCatalog.namesOf(runtime.file().models().values());
      List<String> own = new ArrayList<>(after.aliases());
      own.add(after.id());
      for (String name : own) {
        if (fileNames.contains(name)) {
          throw AdminCalls.precondition("model name '" + name + "' is used by the configuration file, which wins");
        }
      }
      for (ModelConfig other : runtime.runtimeModels().values()) {
        if (!other.id().equals(after.id()) && own.stream().anyMatch(RuntimeCatalog.namesOf(List.of(other))::contains)) {
          throw AdminCalls.precondition("a name of model '" + after.id() + "' is used by run-time model '"
              + other.id() + "'");
        }
      }
      if (!runtime.file().providers().containsKey(after.provider())
          && !runtime.runtimeProviders().containsKey(after.provider())) {
        throw AdminCalls.invalid("model.provider", "'" + after.provider() + "' is not a provider");
      }
      ModelConfig before = runtime.runtimeModels().get(after.id());
      Map<String, ModelConfig> modelsNow = new LinkedHashMap<>(runtime.runtimeModels());
      modelsNow.put(after.id(), after);
      commit(runtime.runtimeProviders(), modelsNow, () -> store.put(new RuntimeEntry(RuntimeEntry.Kind.MODEL,
          after.id(), spec.toByteArray(), Optional.empty(), clock.instant())));
      ModelEntry message = CatalogMessages.toMessage(after, EntrySource.ENTRY_SOURCE_RUNTIME);
      changed("UpsertModelEntry", "model/" + after.id(),
          before == null ? null : CatalogMessages.toMessage(before, EntrySource.ENTRY_SOURCE_RUNTIME), message);
      return message;
    }
  }

  void deleteModel(String id) {
    synchronized (runtime) {
      ModelConfig before = runtimeOnly(runtime.runtimeModels(), id, "model '" + id + "'");
      Map<String, ModelConfig> modelsNow = new LinkedHashMap<>(runtime.runtimeModels());
      modelsNow.remove(id);
      commit(runtime.runtimeProviders(), modelsNow, () -> store.delete(RuntimeEntry.Kind.MODEL, id));
      changed("DeleteModelEntry", "model/" + id, CatalogMessages.toMessage(before, EntrySource.ENTRY_SOURCE_RUNTIME),
          null);
    }
  }

  private Map<String, ProviderEntry> providers() {
    Map<String, ProviderEntry> out = new LinkedHashMap<>();
    runtime.file().providers().values()
        .forEach(p -> out.put(p.name(), CatalogMessages.toMessage(p, EntrySource.ENTRY_SOURCE_CONFIG_FILE)));
    runtime.runtimeProviders().values().stream().sorted(Comparator.comparing(ProviderConfig::name))
        .forEach(p -> out.putIfAbsent(p.name(), CatalogMessages.toMessage(p, EntrySource.ENTRY_SOURCE_RUNTIME)));
    return out;
  }

  private List<ModelEntry> models() {
    Map<String, ModelEntry> out = new java.util.TreeMap<>();
    runtime.runtimeModels().values()
        .forEach(m -> out.put(m.id(), CatalogMessages.toMessage(m, EntrySource.ENTRY_SOURCE_RUNTIME)));
    runtime.file().models().values()
        .forEach(m -> out.put(m.id(), CatalogMessages.toMessage(m, EntrySource.ENTRY_SOURCE_CONFIG_FILE)));
    return List.copyOf(out.values());
  }

  private <T> T runtimeOnly(Map<String, T> runtimeEntries, String name, String what) {
    T found = runtimeEntries.get(name);
    if (found == null) {
      boolean inFile = runtime.file().providers().containsKey(name) || runtime.file().models().containsKey(name);
      throw inFile ? AdminCalls.precondition(what + " is declared in the configuration file; remove it there")
          : AdminCalls.notFound(what);
    }
    return found;
  }

  /** Puts the new run-time part in effect, then stores it; a store failure puts the old part back. */
  private void commit(Map<String, ProviderConfig> providersNow, Map<String, ModelConfig> modelsNow, Runnable persist) {
    Map<String, ProviderConfig> oldProviders = runtime.runtimeProviders();
    Map<String, ModelConfig> oldModels = runtime.runtimeModels();
    try {
      runtime.apply(runtime.file(), providersNow, modelsNow);
    } catch (InvalidConfigException e) {
      throw AdminCalls.invalid("provider", e.getMessage().replace("invalid configuration: ", ""));
    }
    try {
      persist.run();
    } catch (RuntimeException e) {
      runtime.apply(runtime.file(), oldProviders, oldModels);
      throw e;
    }
  }

  private void changed(String action, String target, com.google.protobuf.MessageOrBuilder before,
      com.google.protobuf.MessageOrBuilder after) {
    changes.publish(StoreChange.catalog());
    audit.record(action, target, before, after);
  }
}
