package dev.llmgateway.server.routing;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.config.GatewayConfig;
import dev.llmgateway.server.config.ModelConfig;
import dev.llmgateway.server.providers.ProviderRegistry;
import dev.llmgateway.v1.Capability;
import dev.llmgateway.v1.Model;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured models, indexed by id and alias. Models of providers that are off stay known (so a
 * caller learns why they cannot be used) but are not listed. Immutable after start-up; thread-safe.
 */
@Singleton
public final class ModelCatalog {
  private final Map<String, ModelConfig> byName;
  private final List<Model> listed;
  private final ProviderRegistry providers;

  @Inject
  ModelCatalog(GatewayConfig config, ProviderRegistry providers) {
    this.providers = providers;
    Map<String, ModelConfig> names = new HashMap<>();
    List<Model> models = new ArrayList<>();
    for (ModelConfig model : config.models().values()) {
      names.put(model.id(), model);
      model.aliases().forEach(alias -> names.put(alias, model));
      if (providers.isEnabled(model.provider())) {
        models.add(toProto(model));
      }
    }
    models.sort(Comparator.comparing(Model::getId));
    this.byName = Map.copyOf(names);
    this.listed = List.copyOf(models);
  }

  /** Returns the entry named by an id or alias, whether or not its provider is on. */
  public Optional<ModelConfig> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Returns the models of enabled providers matching both filters (empty provider, UNSPECIFIED capability: any). */
  public List<Model> list(String provider, Capability capability) {
    if (provider.isEmpty() && capability == Capability.CAPABILITY_UNSPECIFIED) {
      return listed;
    }
    List<Model> out = new ArrayList<>();
    for (Model m : listed) {
      if ((provider.isEmpty() || m.getProvider().equals(provider))
          && (capability == Capability.CAPABILITY_UNSPECIFIED || m.getCapabilitiesList().contains(capability))) {
        out.add(m);
      }
    }
    return out;
  }

  /** Returns whether the provider of {@code model} is on. */
  public boolean isServable(ModelConfig model) {
    return providers.isEnabled(model.provider());
  }

  private static Model toProto(ModelConfig model) {
    List<Capability> capabilities = new ArrayList<>(model.capabilities());
    capabilities.sort(Comparator.comparingInt(Capability::getNumber));
    return Model.newBuilder()
        .setId(model.id())
        .addAllAliases(model.aliases())
        .setProvider(model.provider())
        .setUpstreamModel(model.upstreamModel())
        .addAllCapabilities(capabilities)
        .setContextWindow(model.contextWindow())
        .setMaxOutputTokens(model.maxOutputTokens())
        .setDescription(model.description())
        .build();
  }
}
