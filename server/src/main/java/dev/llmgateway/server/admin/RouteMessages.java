package dev.llmgateway.server.admin;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import dev.llmgateway.server.config.DeploymentConfig;
import dev.llmgateway.server.config.RoutePolicy;
import dev.llmgateway.server.errors.FieldViolation;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.resilience.DeploymentHealth;
import dev.llmgateway.v1.CircuitState;
import dev.llmgateway.v1.DeploymentStatus;
import dev.llmgateway.v1.ErrorClass;
import dev.llmgateway.v1.HedgePolicy;
import dev.llmgateway.v1.LoadBalancing;
import dev.llmgateway.v1.ModelRoute;
import dev.llmgateway.v1.RouteDeployment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Converts routes and deployment health between the dispatch layer's records and the admin contract. Pure. */
final class RouteMessages {
  /** The fields of a {@link ModelRoute} that UpdateRoute may change. */
  static final Set<String> MUTABLE = Set.of("aliases", "fallbacks", "load_balancing", "fallback_on", "hedge");

  private RouteMessages() {}

  /** Returns the contract's view of a route. */
  static ModelRoute toProto(String modelId, List<String> aliases, RoutePolicy policy, Optional<Instant> changedAt) {
    ModelRoute.Builder out = ModelRoute.newBuilder().setModel(modelId).addAllAliases(aliases)
        .addAllFallbacks(policy.fallbacks()).setLoadBalancing(toProto(policy.loadBalancing()))
        .addAllFallbackOn(policy.fallbackOn().stream().sorted().toList())
        .setChangedAtRunTime(changedAt.isPresent());
    for (DeploymentConfig d : policy.deployments()) {
      out.addDeployments(RouteDeployment.newBuilder().setName(d.name()).setProvider(d.provider())
          .setUpstreamModel(d.upstreamModel()).setWeight(d.weight()));
    }
    policy.hedge().ifPresent(h -> out.setHedge(HedgePolicy.newBuilder().setDelay(toProto(h.delay()))
        .setP95(h.p95())));
    changedAt.ifPresent(at -> out.setUpdatedAt(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano())));
    return out.build();
  }

  /**
   * Returns {@code current} with the fields named in {@code mask} taken from {@code update}: the changeable
   * part of a route (deployments stay). Checks only the shape; the caller checks names against the catalogue.
   *
   * @throws GatewayException INVALID_REQUEST naming each bad field
   */
  static ModelRoute merge(ModelRoute current, ModelRoute update, FieldMask mask) {
    List<FieldViolation> bad = new ArrayList<>();
    if (mask.getPathsCount() == 0) {
      bad.add(new FieldViolation("update_mask", "must name at least one of " + MUTABLE.stream().sorted().toList()));
    }
    ModelRoute.Builder out = current.toBuilder();
    for (String path : new LinkedHashSet<>(mask.getPathsList())) {
      switch (path) {
        case "aliases" -> out.clearAliases().addAllAliases(distinct(update.getAliasesList(), "route.aliases", bad));
        case "fallbacks" -> out.clearFallbacks()
            .addAllFallbacks(distinct(update.getFallbacksList(), "route.fallbacks", bad));
        case "load_balancing" -> {
          if (update.getLoadBalancing() == LoadBalancing.LOAD_BALANCING_UNSPECIFIED
              || update.getLoadBalancing() == LoadBalancing.UNRECOGNIZED) {
            bad.add(new FieldViolation("route.load_balancing", "must be WEIGHTED, LEAST_IN_FLIGHT or LATENCY"));
          } else {
            out.setLoadBalancing(update.getLoadBalancing());
          }
        }
        case "fallback_on" -> {
          for (int i = 0; i < update.getFallbackOnCount(); i++) {
            if (!RoutePolicy.FALLBACK_CLASSES.contains(update.getFallbackOn(i))) {
              bad.add(new FieldViolation("route.fallback_on[" + i + "]", update.getFallbackOn(i)
                  + " is not a class a route may fall back on (never invalid requests, auth or content filtering)"));
            }
          }
          out.clearFallbackOn().addAllFallbackOn(update.getFallbackOnList());
        }
        case "hedge" -> {
          if (!update.hasHedge()) {
            out.clearHedge();
          } else if (!positive(update.getHedge().getDelay())) {
            bad.add(new FieldViolation("route.hedge.delay", "must be a positive duration"));
          } else {
            out.setHedge(update.getHedge());
          }
        }
        default -> bad.add(new FieldViolation("update_mask", "'" + path + "' is not a changeable field (expected any of "
            + MUTABLE.stream().sorted().toList() + ")"));
      }
    }
    if (!bad.isEmpty()) {
      throw GatewayException.builder(ErrorKind.INVALID_REQUEST, "the route update is invalid").violations(bad).build();
    }
    return out.build();
  }

  /** Returns {@code policy} with the changeable part of {@code route} (its deployments stay). */
  static RoutePolicy applied(RoutePolicy policy, ModelRoute route) {
    Set<ErrorClass> fallbackOn = route.getFallbackOnCount() == 0 ? Set.of()
        : EnumSet.copyOf(route.getFallbackOnList());
    Optional<RoutePolicy.Hedge> hedge = route.hasHedge()
        ? Optional.of(new RoutePolicy.Hedge(fromProto(route.getHedge().getDelay()),
            route.getHedge().getP95()))
        : Optional.empty();
    return new RoutePolicy(policy.deployments(), route.getFallbacksList(), fromProto(route.getLoadBalancing()),
        fallbackOn, hedge);
  }

  /** Returns the contract's view of a deployment's health. */
  static DeploymentStatus toProto(DeploymentHealth health) {
    return DeploymentStatus.newBuilder().setDeployment(health.deployment()).setProvider(health.provider())
        .setCircuitState(circuitState(health.circuitState())).setFailureRatePercent(health.failureRate())
        .setSlowCallRatePercent(health.slowCallRate()).setInFlight(health.inFlight())
        .setMeanLatency(toProto(Duration.ofMillis(health.meanLatencyMillis()))).build();
  }

  private static com.google.protobuf.Duration toProto(Duration d) {
    return com.google.protobuf.Duration.newBuilder().setSeconds(d.getSeconds()).setNanos(d.getNano()).build();
  }

  private static Duration fromProto(com.google.protobuf.Duration d) {
    return Duration.ofSeconds(d.getSeconds(), d.getNanos());
  }

  // A well-formed duration (seconds and nanos of one sign, nanos under a second) above zero.
  private static boolean positive(com.google.protobuf.Duration d) {
    return d.getSeconds() >= 0 && d.getNanos() >= 0 && d.getNanos() < 1_000_000_000
        && (d.getSeconds() > 0 || d.getNanos() > 0);
  }

  private static CircuitState circuitState(String state) {
    return switch (state) {
      case "CLOSED" -> CircuitState.CIRCUIT_STATE_CLOSED;
      case "OPEN" -> CircuitState.CIRCUIT_STATE_OPEN;
      case "HALF_OPEN" -> CircuitState.CIRCUIT_STATE_HALF_OPEN;
      case "DISABLED" -> CircuitState.CIRCUIT_STATE_DISABLED;
      case "FORCED_OPEN" -> CircuitState.CIRCUIT_STATE_FORCED_OPEN;
      case "METRICS_ONLY" -> CircuitState.CIRCUIT_STATE_METRICS_ONLY;
      default -> CircuitState.CIRCUIT_STATE_UNSPECIFIED;
    };
  }

  private static LoadBalancing toProto(RoutePolicy.LoadBalancing strategy) {
    return switch (strategy) {
      case WEIGHTED -> LoadBalancing.LOAD_BALANCING_WEIGHTED;
      case LEAST_IN_FLIGHT -> LoadBalancing.LOAD_BALANCING_LEAST_IN_FLIGHT;
      case LATENCY -> LoadBalancing.LOAD_BALANCING_LATENCY;
    };
  }

  private static RoutePolicy.LoadBalancing fromProto(LoadBalancing strategy) {
    return switch (strategy) {
      case LOAD_BALANCING_LEAST_IN_FLIGHT -> RoutePolicy.LoadBalancing.LEAST_IN_FLIGHT;
      case LOAD_BALANCING_LATENCY -> RoutePolicy.LoadBalancing.LATENCY;
      default -> RoutePolicy.LoadBalancing.WEIGHTED;
    };
  }

  private static List<String> distinct(List<String> names, String field, List<FieldViolation> bad) {
    Set<String> seen = new LinkedHashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (name.isBlank()) {
        bad.add(new FieldViolation(field + "[" + i + "]", "must not be empty"));
      } else if (!seen.add(name)) {
        bad.add(new FieldViolation(field + "[" + i + "]", "'" + name + "' is listed twice"));
      }
    }
    return List.copyOf(seen);
  }
}
