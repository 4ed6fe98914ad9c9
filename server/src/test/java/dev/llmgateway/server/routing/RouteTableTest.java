package dev.llmgateway.server.routing;

import static dev.llmgateway.server.routing.Upstreams.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmgateway.server.config.RoutePolicy;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.v1.Attempt;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.ErrorClass;
import io.grpc.Status;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Route policies change at runtime, validated, and a deployment's rate limit skips it once spent. */
class RouteTableTest extends TwoUpstreams {
  private RouteTable table;

  @BeforeEach
  void start() {
    startGateway("""
        provider-defaults { resilience { retry { max-attempts = 1 } } }
        models {
          m { provider = a, upstream-model = up-a, capabilities = [chat] }
          f { provider = b, upstream-model = up-b, capabilities = [chat] }
          limited { capabilities = [chat], fallbacks = [f], deployments = [
            { provider = a, upstream-model = up-a, resilience { rate-limit { requests-per-minute = 2 } } }] }
        }
        """);
    table = gateway.injector().getInstance(RouteTable.class);
  }

  private CompleteResponse complete(String model) {
    return gateway.blocking().withDeadlineAfter(10, TimeUnit.SECONDS).complete(request(model));
  }

  @Test
  void aFallbackAddedAtRuntimeServesTheNextCall() {
    a.enqueue(Upstreams.status(503));
    Throwable before = catchThrowable(() -> complete("m"));
    assertThat(Status.fromThrowable(before).getCode()).isEqualTo(Status.Code.UNAVAILABLE);

    Map<String, RoutePolicy> policies = new HashMap<>(table.policies());
    RoutePolicy m = policies.get("m");
    policies.put("m", new RoutePolicy(m.deployments(), List.of("f"), m.loadBalancing(), m.fallbackOn(), m.hedge()));
    table.replace(policies);
    a.enqueue(Upstreams.status(503));
    b.enqueue(Upstreams.ok("now falls back"));

    assertThat(complete("m").getRoute().getModel()).isEqualTo("f");
  }

  @Test
  void anInvalidReplacementIsRefusedAndTheOldTableStays() {
    Map<String, RoutePolicy> policies = new HashMap<>(table.policies());
    RoutePolicy m = policies.get("m");
    policies.put("m", new RoutePolicy(m.deployments(), List.of("nope"), m.loadBalancing(), m.fallbackOn(), m.hedge()));

    assertThatThrownBy(() -> table.replace(policies)).isInstanceOf(GatewayException.class)
        .satisfies(e -> assertThat(((GatewayException) e).kind()).isEqualTo(ErrorKind.INVALID_REQUEST))
        .hasMessageContaining("'nope'");
    assertThat(table.policies().get("m").fallbacks()).isEmpty();
  }

  @Test
  void aDeploymentOverItsRateLimitIsSkippedWithoutARequest() {
    a.enqueue(Upstreams.ok("one"));
    a.enqueue(Upstreams.ok("two"));
    b.enqueue(Upstreams.ok("three, elsewhere"));

    assertThat(complete("limited").getRoute().getModel()).isEqualTo("limited");
    assertThat(complete("limited").getRoute().getModel()).isEqualTo("limited");
    CompleteResponse third = complete("limited");

    assertThat(a.getRequestCount()).isEqualTo(2);
    assertThat(third.getRoute().getModel()).isEqualTo("f");
    assertThat(third.getRoute().getAttemptsList()).extracting(Attempt::getErrorClass)
        .containsExactly(ErrorClass.ERROR_CLASS_THROTTLED, ErrorClass.ERROR_CLASS_UNSPECIFIED);
  }
}
