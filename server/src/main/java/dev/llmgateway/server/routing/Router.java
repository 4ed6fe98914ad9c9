package dev.llmgateway.server.routing;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.config.ModelConfig;
import dev.llmgateway.server.config.ModelDefaults;
import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.config.RoutePolicy;
import dev.llmgateway.server.resilience.Deployment;
import java.util.List;
import dev.llmgateway.server.providers.ProviderRegistry;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves the model a caller names into a {@link Route}. Thread-safe; allocation-free for catalogue
 * hits beyond the route itself.
 */
@Singleton
public final class Router {
  private final ModelCatalog catalog;
  private final ProviderRegistry providers;
  private final RouteTable routes;

  @Inject
  Router(ModelCatalog catalog, ProviderRegistry providers, RouteTable routes) {
    this.catalog = catalog;
    this.providers = providers;
    this.routes = routes;
  }

  /**
   * Returns the route for {@code model}: a catalogue id or alias, or {@code provider/upstream-model}
   * for a provider that allows unlisted models.
   *
   * @throws GatewayException MODEL_NOT_FOUND when nothing matches, or the serving provider is off
   */
  public Route resolve(String model) {
    Optional<CatalogEntry> entry = catalog.find(model);
    if (entry.isPresent()) {
      ModelConfig m = entry.get().model();
      Optional<RoutePolicy> configured = routes.policy(m.id());
      RoutePolicy policy = configured.orElseGet(() -> routes.single(m.id(), m.provider(), m.upstreamModel()));
      List<Deployment> deployments = configured.isPresent() ? routes.deployments(m.id()) : routes.enabled(policy);
      if (deployments.isEmpty()) {
        throw providerOff(model, m.provider());
      }
      Deployment first = deployments.get(0);
      return new Route(m.id(), first.provider(), first.adapter(), first.upstreamModel(), m.defaults(),
          m.capabilities(), m.maxOutputTokens(), m.tokenizer(), m.price(), deployments, policy);
    }
    int slash = model.indexOf('/');
    if (slash > 0 && slash < model.length() - 1) {
      String provider = model.substring(0, slash);
      Optional<ProviderConfig> config = providers.config(provider);
      if (config.isPresent() && config.get().allowUnlistedModels()) {
        String upstream = model.substring(slash + 1);
        // One deployment id per provider for unlisted models: callers' free-form names must not mint guards.
        RoutePolicy policy = routes.single(provider + "/*", provider, upstream);
        List<Deployment> deployments = routes.enabled(policy);
        if (deployments.isEmpty()) {
          throw providerOff(model, provider);
        }
        Deployment d = deployments.get(0);
        return new Route(model, provider, d.adapter(), upstream, ModelDefaults.NONE, Set.of(), 0,
            Optional.empty(), Optional.empty(), deployments, policy);
      }
    }
    throw GatewayException.builder(ErrorKind.MODEL_NOT_FOUND,
            "model '" + model + "' is not in the catalogue (see ListModels)").model(model).build();
  }

  private GatewayException providerOff(String model, String provider) {
    String hint = providers.config(provider).map(ProviderConfig::apiKeyEnv).filter(env -> !env.isEmpty())
        .map(env -> " (set " + env + " on the gateway to enable it)").orElse("");
    return GatewayException.builder(ErrorKind.MODEL_NOT_FOUND,
            "model '" + model + "' is served by provider '" + provider + "', which is off" + hint)
        .model(model).provider(provider).build();
  }
}
