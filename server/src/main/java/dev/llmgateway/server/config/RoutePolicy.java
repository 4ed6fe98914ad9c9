package dev.llmgateway.server.config;

import dev.llmgateway.v1.ErrorClass;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How calls to one catalogue model are dispatched.
 *
 * @param deployments where the model is served, at least one
 * @param fallbacks other catalogue models tried in order when every deployment failed with a class in
 *     {@code fallbackOn}
 * @param loadBalancing how a deployment is picked among the healthy ones
 * @param fallbackOn the error classes that move a call to the next fallback
 * @param hedge when to send a second, racing request for unary tool-free completions, if at all
 */
public record RoutePolicy(List<DeploymentConfig> deployments, List<String> fallbacks, LoadBalancing loadBalancing,
    Set<ErrorClass> fallbackOn, Optional<Hedge> hedge) {
  /** The error classes a route may fall back on: never invalid requests, auth failures or content filtering. */
  public static final Set<ErrorClass> FALLBACK_CLASSES = Set.of(ErrorClass.ERROR_CLASS_RATE_LIMITED,
      ErrorClass.ERROR_CLASS_UNAVAILABLE, ErrorClass.ERROR_CLASS_TIMEOUT, ErrorClass.ERROR_CLASS_CIRCUIT_OPEN,
      ErrorClass.ERROR_CLASS_THROTTLED, ErrorClass.ERROR_CLASS_CONTEXT_WINDOW_EXCEEDED);

  public RoutePolicy {
    deployments = List.copyOf(deployments);
    fallbacks = List.copyOf(fallbacks);
    fallbackOn = Set.copyOf(fallbackOn);
  }

  /** How a deployment is picked. */
  public enum LoadBalancing {
    /** At random, in proportion to the deployments' weights. */
    WEIGHTED,
    /** The deployment with the fewest calls in flight. */
    LEAST_IN_FLIGHT,
    /** The deployment with the lowest recent latency (untried deployments first). */
    LATENCY
  }

  /**
   * Hedging: when the first attempt has not answered after {@code delay} (or the deployment's observed
   * 95th percentile latency when {@code p95}), the same request goes to another healthy deployment.
   *
   * @param delay the fixed delay, used when {@code p95} is false and as the floor otherwise
   * @param p95 whether the delay follows the first deployment's observed p95 latency
   */
  public record Hedge(Duration delay, boolean p95) {}
}
