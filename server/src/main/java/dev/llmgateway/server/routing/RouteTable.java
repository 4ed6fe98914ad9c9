package dev.llmgateway.server.routing;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.config.DeploymentConfig;
import dev.llmgateway.server.config.DispatchConfig;
import dev.llmgateway.server.config.GatewayConfig;
import dev.llmgateway.server.config.ResilienceSettings;
import dev.llmgateway.server.config.RoutePolicy;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ProviderAdapter;
import dev.llmgateway.server.providers.ProviderRegistry;
import dev.llmgateway.server.resilience.Deployment;
import dev.llmgateway.server.resilience.DeploymentGuards;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The route policies of the catalogue's models (deployments, fallbacks, balancing, hedging), as an
 * immutable snapshot that {@link #replace} swaps whole, after validating it, so routes can change at
 * runtime without a restart. Thread-safe; reads never lock.
 */
@Singleton
public final class RouteTable {
  private final ProviderRegistry providers;
  private final DeploymentGuards guards;
  private final Map<String, ResilienceSettings> providerSettings;
  private final ResilienceSettings providerDefaults;
  private volatile Snapshot snapshot;

  private record Snapshot(Map<String, RoutePolicy> policies, Map<String, List<Deployment>> deployments) {}

  @Inject
  RouteTable(GatewayConfig config, ProviderRegistry providers, DeploymentGuards guards) {
    this.providers = providers;
    this.guards = guards;
    this.providerSettings = config.dispatch().providers();
    this.providerDefaults = config.dispatch().providerDefaults();
    this.snapshot = build(config.dispatch().routes());
  }

  /**
   * Replaces every configured route policy at once.
   *
   * @throws GatewayException INVALID_REQUEST naming the bad entry when a deployment names an unknown
   *     provider or a fallback an unknown model; the previous table then stays in force
   */
  public void replace(Map<String, RoutePolicy> policies) {
    for (Map.Entry<String, RoutePolicy> e : policies.entrySet()) {
      RoutePolicy p = e.getValue();
      if (p.deployments().isEmpty()) {
        throw GatewayException.invalidField("routes." + e.getKey() + ".deployments", "must list at least one");
      }
      for (DeploymentConfig d : p.deployments()) {
        if (providers.config(d.provider()).isEmpty()) {
          throw GatewayException.invalidField("routes." + e.getKey() + ".deployments",
              "'" + d.provider() + "' is not a configured provider");
        }
      }
      for (String fallback : p.fallbacks()) {
        if (fallback.equals(e.getKey()) || !policies.containsKey(fallback)) {
          throw GatewayException.invalidField("routes." + e.getKey() + ".fallbacks",
              "'" + fallback + "' is not another routed model");
        }
      }
    }
    snapshot = build(policies);
  }

  /** Returns the current policies, by model id. */
  public Map<String, RoutePolicy> policies() {
    return snapshot.policies();
  }

  /** Returns the policy of {@code modelId}, or empty when the model has none configured. */
  Optional<RoutePolicy> policy(String modelId) {
    return Optional.ofNullable(snapshot.policies().get(modelId));
  }

  /** Returns the enabled deployments of a configured model (empty when its providers are all off). */
  List<Deployment> deployments(String modelId) {
    return snapshot.deployments().getOrDefault(modelId, List.of());
  }

  /** Returns the policy and single deployment of a model outside the configured routes. */
  RoutePolicy single(String modelId, String provider, String upstreamModel) {
    // A provider added at run time has no section of its own in the file: it gets provider-defaults.
    return DispatchConfig.single(modelId, provider, upstreamModel,
        providerSettings.getOrDefault(provider, providerDefaults));
  }

  /** Returns the deployments of {@code policy} whose providers are on. */
  List<Deployment> enabled(RoutePolicy policy) {
    List<Deployment> out = new ArrayList<>(policy.deployments().size());
    for (DeploymentConfig d : policy.deployments()) {
      Optional<ProviderAdapter> adapter = providers.adapter(d.provider());
      if (adapter.isPresent()) {
        Deployment deployment = new Deployment(d.name(), d.provider(), d.upstreamModel(), d.weight(), adapter.get(),
            d.resilience());
        // Creating the guard now makes the deployment visible to health before its first call.
        guards.guard(deployment);
        out.add(deployment);
      }
    }
    return List.copyOf(out);
  }

  private Snapshot build(Map<String, RoutePolicy> policies) {
    Map<String, List<Deployment>> deployments = new HashMap<>();
    policies.forEach((id, policy) -> deployments.put(id, enabled(policy)));
    return new Snapshot(Map.copyOf(policies), Map.copyOf(deployments));
  }
}
