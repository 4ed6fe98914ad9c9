package dev.llmgateway.server.routing;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.config.GatewayConfig;
import dev.llmgateway.server.config.ModelConfig;
import dev.llmgateway.server.config.ModelDefaults;
import dev.llmgateway.server.providers.DiscoveredModel;
import dev.llmgateway.server.providers.ProviderRegistry;
import dev.llmgateway.v1.Capability;
import dev.llmgateway.v1.Modality;
import dev.llmgateway.v1.Model;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models the gateway knows: the configured entries, indexed by id and alias, merged with the models
 * providers reported through discovery. A configured entry for the same provider and upstream model
 * wins field by field (discovery only fills what the configuration left unknown); other discovered models
 * join as {@code <provider>/<model>}. Models of providers that are off stay known (so a caller learns why
 * they cannot be used) but are not listed. Reads see an immutable snapshot; thread-safe.
 */
@Singleton
public final class ModelCatalog {
  private volatile List<ModelConfig> configured;
  private final ProviderRegistry providers;
  private final Map<String, List<DiscoveredModel>> discoveredByProvider = new LinkedHashMap<>();
  private volatile Snapshot snapshot;

  private record Snapshot(Map<String, CatalogEntry> byName, List<Model> listed) {}

  @Inject
  ModelCatalog(GatewayConfig config, ProviderRegistry providers) {
    this.configured = List.copyOf(config.models().values());
    this.providers = providers;
    this.snapshot = build();
  }

  /** Returns the entry named by an id or alias, whether or not its provider is on. */
  public Optional<CatalogEntry> find(String name) {
    return Optional.ofNullable(snapshot.byName().get(name));
  }

  /**
   * Returns the listed models (of enabled providers) that match every filter; an empty string or an
   * UNSPECIFIED enum does not filter.
   */
  public List<Model> list(String provider, Capability capability, String vendor, Modality modality) {
    List<Model> listed = snapshot.listed();
    if (provider.isEmpty() && vendor.isEmpty() && capability == Capability.CAPABILITY_UNSPECIFIED
        && modality == Modality.MODALITY_UNSPECIFIED) {
      return listed;
    }
    List<Model> out = new ArrayList<>();
    for (Model m : listed) {
      if ((provider.isEmpty() || m.getProvider().equals(provider))
          && (vendor.isEmpty() || m.getVendor().equals(vendor))
          && (capability == Capability.CAPABILITY_UNSPECIFIED || m.getCapabilitiesList().contains(capability))
          && (modality == Modality.MODALITY_UNSPECIFIED || m.getInputModalitiesList().contains(modality)
              || m.getOutputModalitiesList().contains(modality))) {
        out.add(m);
      }
    }
    return out;
  }

  /** Replaces what discovery found for {@code provider}, and publishes the merged catalogue. */
  public synchronized void replaceDiscovered(String provider, List<DiscoveredModel> models) {
    discoveredByProvider.put(provider, List.copyOf(models));
    snapshot = build();
  }

  /**
   * Replaces the non-discovered entries (the configuration's, then those added at run time, in that order) and
   * publishes the merged catalogue. The caller has checked that no two entries share a name.
   */
  public synchronized void replaceEntries(List<ModelConfig> entries) {
    configured = List.copyOf(entries);
    snapshot = build();
  }

  private synchronized Snapshot build() {
    Map<String, CatalogEntry> names = new HashMap<>();
    Map<String, CatalogEntry> byUpstream = new HashMap<>();
    List<CatalogEntry> entries = new ArrayList<>();
    for (ModelConfig model : configured) {
      CatalogEntry entry = CatalogEntry.configured(model);
      entries.add(entry);
      byUpstream.put(model.provider() + "/" + model.upstreamModel(), entry);
    }
    for (Map.Entry<String, List<DiscoveredModel>> e : discoveredByProvider.entrySet()) {
      for (DiscoveredModel found : e.getValue()) {
        String key = e.getKey() + "/" + found.id();
        CatalogEntry known = byUpstream.get(key);
        if (known != null) {
          CatalogEntry merged = known.filledFrom(found);
          entries.set(entries.indexOf(known), merged);
          byUpstream.put(key, merged);
        } else if (!byUpstream.containsKey(key)) {
          CatalogEntry entry = CatalogEntry.discovered(e.getKey(), found);
          entries.add(entry);
          byUpstream.put(key, entry);
        }
      }
    }
    List<Model> listed = new ArrayList<>();
    for (CatalogEntry entry : entries) {
      names.put(entry.model().id(), entry);
      entry.model().aliases().forEach(alias -> names.putIfAbsent(alias, entry));
      if (providers.isEnabled(entry.model().provider())) {
        listed.add(entry.toProto());
      }
    }
    listed.sort(Comparator.comparing(Model::getId));
    return new Snapshot(Map.copyOf(names), List.copyOf(listed));
  }

  /** Returns an entry for a discovered model, built the way configured ones are. */
  static ModelConfig asConfig(String provider, DiscoveredModel found) {
    return new ModelConfig(provider + "/" + found.id(), provider, found.id(), List.of(), found.capabilities(),
        found.contextWindow(), found.maxOutputTokens(), "", ModelDefaults.NONE, found.vendor(),
        found.inputModalities(), found.outputModalities(), Optional.empty(), found.deploymentType(),
        Optional.empty());
  }
}
