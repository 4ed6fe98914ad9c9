package dev.llmgateway.server.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.config.ResilienceSettings;
import dev.llmgateway.server.config.RoutePolicy.LoadBalancing;
import dev.llmgateway.server.providers.ProviderAdapter;
import dev.llmgateway.server.testing.MutableClock;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The balancing strategies on live guard figures. */
class BalancerTest {
  private static final ResilienceSettings SETTINGS = new ResilienceSettings(
      new ResilienceSettings.Retry(1, Duration.ofMillis(10), 2, Duration.ofMillis(100), Duration.ofSeconds(1)),
      new ResilienceSettings.CircuitBreaker(50, 100, Duration.ofSeconds(60), 10, 10, Duration.ofSeconds(30), 1), 0);
  private static final ProviderAdapter NO_ADAPTER = (ProviderAdapter) Proxy.newProxyInstance(
      BalancerTest.class.getClassLoader(), new Class<?>[] {ProviderAdapter.class}, (proxy, method, args) -> {
        throw new AssertionError("the balancer never calls an adapter");
      });

  private final DeploymentGuards guards = new DeploymentGuards(new MutableClock(Instant.EPOCH));
  private final Balancer balancer = new Balancer(guards);

  private static Deployment deployment(String id, int weight) {
    return new Deployment(id, "p", "up", weight, NO_ADAPTER, SETTINGS);
  }

  @Test
  void weightedFirstPicksFollowTheWeightsWithinTwoPercentagePoints() {
    List<Deployment> deployments = List.of(deployment("a", 6), deployment("b", 3), deployment("c", 1));
    Map<String, Integer> firsts = new HashMap<>();
    int draws = 20_000;
    for (int i = 0; i < draws; i++) {
      firsts.merge(balancer.order(deployments, LoadBalancing.WEIGHTED).get(0).id(), 1, Integer::sum);
    }

    // Standard error at 20,000 draws is about 0.35 points: 2 points is over five of them.
    assertThat(firsts.get("a") / (double) draws).isCloseTo(0.6, org.assertj.core.data.Offset.offset(0.02));
    assertThat(firsts.get("b") / (double) draws).isCloseTo(0.3, org.assertj.core.data.Offset.offset(0.02));
    assertThat(firsts.get("c") / (double) draws).isCloseTo(0.1, org.assertj.core.data.Offset.offset(0.02));
  }

  @Test
  void everyOrderListsEachDeploymentOnce() {
    List<Deployment> deployments = List.of(deployment("a", 6), deployment("b", 3), deployment("c", 1));
    for (LoadBalancing strategy : LoadBalancing.values()) {
      assertThat(balancer.order(deployments, strategy)).containsExactlyInAnyOrderElementsOf(deployments);
    }
  }

  @Test
  void leastInFlightPutsTheBusiestDeploymentLast() {
    Deployment busy = deployment("busy", 1);
    Deployment idle = deployment("idle", 1);
    guards.guard(busy).started();
    guards.guard(busy).started();

    for (int i = 0; i < 100; i++) {
      assertThat(balancer.order(List.of(busy, idle), LoadBalancing.LEAST_IN_FLIGHT)).containsExactly(idle, busy);
    }
  }

  @Test
  void latencyPrefersTheFasterDeployment() {
    Deployment slow = deployment("slow", 1);
    Deployment fast = deployment("fast", 1);
    guards.guard(slow).started();
    guards.guard(slow).succeeded(Duration.ofMillis(900).toNanos());
    guards.guard(fast).started();
    guards.guard(fast).succeeded(Duration.ofMillis(90).toNanos());

    for (int i = 0; i < 100; i++) {
      assertThat(balancer.order(List.of(slow, fast), LoadBalancing.LATENCY)).containsExactly(fast, slow);
    }
  }

  @Test
  void fullJitterBackoffStaysUnderItsCeilingAndRetryAfterReplacesIt() {
    var backoff = DeploymentGuards.backoff(SETTINGS.retry());
    for (int attempt = 1; attempt <= 5; attempt++) {
      long ceiling = Math.min(100, 10L << (attempt - 1));
      for (int i = 0; i < 200; i++) {
        assertThat(backoff.apply(attempt, io.github.resilience4j.core.functions.Either.left(
            new RuntimeException("x")))).isBetween(0L, ceiling);
      }
    }
    var hinted = dev.llmgateway.server.errors.GatewayException.builder(
        dev.llmgateway.server.errors.ErrorKind.PROVIDER_RATE_LIMITED, "slow down").retryAfter(Duration.ofMillis(700))
        .build();
    var tooLong = dev.llmgateway.server.errors.GatewayException.builder(
        dev.llmgateway.server.errors.ErrorKind.PROVIDER_RATE_LIMITED, "slow down").retryAfter(Duration.ofSeconds(5))
        .build();
    assertThat(backoff.apply(1, io.github.resilience4j.core.functions.Either.left(hinted))).isEqualTo(700);
    assertThat(backoff.apply(1, io.github.resilience4j.core.functions.Either.left(tooLong)))
        .isEqualTo(DeploymentGuards.TOO_LONG);
  }
}
