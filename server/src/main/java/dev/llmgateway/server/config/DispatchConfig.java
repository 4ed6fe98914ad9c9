package dev.llmgateway.server.config;

import dev.llmgateway.v1.ErrorClass;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Dispatch settings: call budgets, stream timeouts, and each model's route policy.
 *
 * @param defaultDeadline the budget of a call whose client set no deadline
 * @param maxDeadline the longest budget any call gets, whatever its client asked for
 * @param timeToFirstToken how long a stream attempt may take to deliver its first content before it
 *     counts as failed (and is retried or falls back)
 * @param streamIdle the longest silence between two chunks of a stream before it counts as failed
 * @param routes each configured model's policy, by model id
 * @param providers each provider's resilience settings, by provider name (used by unlisted models)
 * @param providerDefaults the {@code provider-defaults} resilience settings, for providers added at run time
 */
public record DispatchConfig(Duration defaultDeadline, Duration maxDeadline, Duration timeToFirstToken,
    Duration streamIdle, Map<String, RoutePolicy> routes, Map<String, ResilienceSettings> providers,
    ResilienceSettings providerDefaults) {
  /** The classes that fall back when a model sets no {@code fallback-on}. */
  public static final Set<ErrorClass> DEFAULT_FALLBACK_ON = Set.of(ErrorClass.ERROR_CLASS_RATE_LIMITED,
      ErrorClass.ERROR_CLASS_UNAVAILABLE, ErrorClass.ERROR_CLASS_TIMEOUT, ErrorClass.ERROR_CLASS_CIRCUIT_OPEN,
      ErrorClass.ERROR_CLASS_THROTTLED, ErrorClass.ERROR_CLASS_CONTEXT_WINDOW_EXCEEDED);

  public DispatchConfig {
    routes = Map.copyOf(routes);
    providers = Map.copyOf(providers);
    java.util.Objects.requireNonNull(providerDefaults, "providerDefaults");
  }

  /** Returns the policy of a model served by one deployment with {@code settings} and no fallbacks. */
  public static RoutePolicy single(String modelId, String provider, String upstreamModel, ResilienceSettings settings) {
    return new RoutePolicy(List.of(new DeploymentConfig(modelId + "#0", provider, upstreamModel, 1, settings)),
        List.of(), RoutePolicy.LoadBalancing.WEIGHTED, DEFAULT_FALLBACK_ON, Optional.empty());
  }
}
