package dev.llmgateway.server.resilience;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.config.RoutePolicy.LoadBalancing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Orders a model's deployments for one call: the first is tried first, the rest in turn when it fails.
 * Weighted order draws without replacement in proportion to the weights (Efraimidis-Spirakis keys), so
 * the first pick follows the weights exactly; least-in-flight and latency sort by the guards' live
 * figures, with random tie-breaks so equal deployments share the load. Stateless and thread-safe.
 */
@Singleton
public final class Balancer {
  private final DeploymentGuards guards;

  @Inject
  Balancer(DeploymentGuards guards) {
    this.guards = guards;
  }

  /** Returns {@code deployments} in the order to try them under {@code strategy}. */
  public List<Deployment> order(List<Deployment> deployments, LoadBalancing strategy) {
    if (deployments.size() == 1) {
      return deployments;
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    List<Ranked> ranked = new ArrayList<>(deployments.size());
    for (Deployment d : deployments) {
      double tieBreak = random.nextDouble();
      double key = switch (strategy) {
        // Smaller first: -u^(1/w) orders like the Efraimidis-Spirakis key u^(1/w), larger first.
        case WEIGHTED -> -Math.pow(random.nextDouble(), 1.0 / d.weight());
        case LEAST_IN_FLIGHT -> guards.guard(d).inFlight();
        case LATENCY -> guards.guard(d).meanLatencyNanos();
      };
      ranked.add(new Ranked(d, key, tieBreak));
    }
    ranked.sort(Comparator.comparingDouble(Ranked::key).thenComparingDouble(Ranked::tieBreak));
    List<Deployment> out = new ArrayList<>(ranked.size());
    ranked.forEach(r -> out.add(r.deployment()));
    return out;
  }

  private record Ranked(Deployment deployment, double key, double tieBreak) {}
}
