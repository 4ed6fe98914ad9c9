package dev.llmgateway.server.routing;

import static dev.llmgateway.server.routing.Upstreams.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.resilience.DeploymentGuards;
import dev.llmgateway.server.resilience.DeploymentHealth;
import dev.llmgateway.server.testing.MutableClock;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.ErrorClass;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deployment's circuit breaker end to end: it opens after failures, the open deployment is skipped
 * without a request (and its provider turns NOT_SERVING in gRPC health), and after the wait a half-open
 * probe closes it again. Time is a test clock, so the wait costs nothing.
 */
class CircuitBreakerTest extends TwoUpstreams {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @BeforeEach
  void start() {
    startGateway("""
        provider-defaults { resilience {
          retry { max-attempts = 1 }
          circuit-breaker { sliding-window-size = 4, minimum-number-of-calls = 4, failure-rate-threshold = 50,
                            wait-in-open-state = 30s, permitted-calls-in-half-open-state = 1 }
        } }
        models {
          m { provider = a, upstream-model = up-a, capabilities = [chat], fallbacks = [f] }
          f { provider = b, upstream-model = up-b, capabilities = [chat] }
        }
        """, binder -> binder.bind(Clock.class).toInstance(clock));
  }

  private CompleteResponse complete() {
    return gateway.blocking().withDeadlineAfter(10, TimeUnit.SECONDS).complete(request("m"));
  }

  private ServingStatus health(String provider) {
    return HealthGrpc.newBlockingStub(gateway.channel()).withDeadlineAfter(5, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService("llmgateway.provider." + provider).build()).getStatus();
  }

  private String circuitOf(String deployment) {
    return gateway.injector().getInstance(DeploymentGuards.class).health().stream()
        .filter(h -> h.deployment().equals(deployment)).map(DeploymentHealth::circuitState).findFirst().orElseThrow();
  }

  @Test
  void opensAfterFailuresSkipsTheDeploymentProbesHalfOpenAndClosesAgain() {
    assertThat(health("a")).isEqualTo(ServingStatus.SERVING);
    for (int i = 0; i < 4; i++) {
      a.enqueue(Upstreams.status(500));
      b.enqueue(Upstreams.ok("fallback " + i));
      assertThat(complete().getRoute().getModel()).isEqualTo("f");
    }
    assertThat(circuitOf("m#0")).isEqualTo("OPEN");
    assertThat(health("a")).isEqualTo(ServingStatus.NOT_SERVING);
    assertThat(health("b")).isEqualTo(ServingStatus.SERVING);

    b.enqueue(Upstreams.ok("skipped a"));
    CompleteResponse skipped = complete();
    assertThat(a.getRequestCount()).as("no request reaches an open circuit").isEqualTo(4);
    assertThat(skipped.getRoute().getAttempts(0).getErrorClass()).isEqualTo(ErrorClass.ERROR_CLASS_CIRCUIT_OPEN);
    assertThat(skipped.getRoute().getAttempts(0).getUpstreamStatus()).isZero();

    clock.advance(Duration.ofSeconds(31));
    a.enqueue(Upstreams.ok("probe"));
    CompleteResponse probe = complete();

    assertThat(probe.getRoute().getModel()).isEqualTo("m");
    assertThat(probe.getRoute().getAttemptsCount()).isEqualTo(1);
    assertThat(a.getRequestCount()).isEqualTo(5);
    assertThat(circuitOf("m#0")).isEqualTo("CLOSED");
    assertThat(health("a")).isEqualTo(ServingStatus.SERVING);
  }
}
