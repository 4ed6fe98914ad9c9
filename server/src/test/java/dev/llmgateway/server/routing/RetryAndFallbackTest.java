package dev.llmgateway.server.routing;

import static dev.llmgateway.server.routing.Upstreams.reportOf;
import static dev.llmgateway.server.routing.Upstreams.request;
import static dev.llmgateway.server.routing.Upstreams.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmgateway.server.testing.Statuses;
import dev.llmgateway.v1.Attempt;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.ErrorClass;
import dev.llmgateway.v1.RouteReport;
import dev.llmgateway.v1.Tool;
import io.grpc.Status;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Retries and fallbacks through the public contract, against two fault-injecting upstreams: attempt
 * counts on each upstream, the error classes in the route report, and which model served.
 */
class RetryAndFallbackTest extends TwoUpstreams {

  @BeforeEach
  void start() {
    startGateway("""
        provider-defaults { resilience { retry { max-attempts = 4, initial-backoff = 10ms, max-backoff = 40ms } } }
        models {
          m { provider = a, upstream-model = up-a, capabilities = [chat], fallbacks = [big] }
          big { provider = b, upstream-model = up-b, capabilities = [chat, tools] }
          strict { provider = a, upstream-model = up-a, capabilities = [chat], fallbacks = [big],
                   fallback-on = [unavailable] }
        }
        """);
  }

  private CompleteResponse complete(String model) {
    return gateway.blocking().withDeadlineAfter(10, TimeUnit.SECONDS).complete(request(model));
  }

  @Test
  void retriesA429AfterItsRetryAfterThenSucceeds() {
    a.enqueue(Upstreams.rateLimited(400));
    a.enqueue(Upstreams.ok("second time lucky"));

    long start = System.nanoTime();
    CompleteResponse response = complete("m");
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(text(response)).isEqualTo("second time lucky");
    assertThat(a.getRequestCount()).isEqualTo(2);
    // The backoff alone is at most 40 ms: only the provider's 400 ms hint explains the wait.
    assertThat(elapsedMillis).isGreaterThanOrEqualTo(400);
    assertThat(response.getRoute().getAttemptsList()).extracting(Attempt::getErrorClass)
        .containsExactly(ErrorClass.ERROR_CLASS_RATE_LIMITED, ErrorClass.ERROR_CLASS_UNSPECIFIED);
    assertThat(response.getRoute().getAttempts(0).getUpstreamStatus()).isEqualTo(429);
    assertThat(response.getRoute().getDeployment()).isEqualTo("m#0");
  }

  @Test
  void retries500And502And503ThenSucceeds() {
    a.enqueue(Upstreams.status(500));
    a.enqueue(Upstreams.status(502));
    a.enqueue(Upstreams.status(503));
    a.enqueue(Upstreams.ok("fourth"));

    CompleteResponse response = complete("m");

    assertThat(text(response)).isEqualTo("fourth");
    assertThat(a.getRequestCount()).isEqualTo(4);
    assertThat(b.getRequestCount()).isZero();
    assertThat(response.getRoute().getAttemptsList()).extracting(Attempt::getUpstreamStatus)
        .containsExactly(500, 502, 503, 0);
    assertThat(response.getRoute().getModel()).isEqualTo("m");
  }

  @Test
  void fallsBackOnceRetriesAreExhausted() {
    for (int i = 0; i < 4; i++) {
      a.enqueue(Upstreams.status(503));
    }
    b.enqueue(Upstreams.ok("from the fallback"));

    CompleteResponse response = complete("m");

    assertThat(text(response)).isEqualTo("from the fallback");
    assertThat(a.getRequestCount()).isEqualTo(4);
    assertThat(b.getRequestCount()).isEqualTo(1);
    RouteReport route = response.getRoute();
    assertThat(route.getModel()).isEqualTo("big");
    assertThat(route.getProvider()).isEqualTo("b");
    assertThat(route.getAttemptsList()).extracting(Attempt::getModel).containsExactly("m", "m", "m", "m", "big");
    // Usage counts against the model and provider that served.
    assertThat(Upstreams.usageOf(gateway)).satisfies(u -> {
      assertThat(u.model()).isEqualTo("big");
      assertThat(u.provider()).isEqualTo("b");
      assertThat(u.inputTokens()).isEqualTo(5);
    });
  }

  @Test
  void contextWindowExceededFallsBackToTheLargerModelWithoutRetrying() {
    a.enqueue(Upstreams.contextWindowExceeded());
    b.enqueue(Upstreams.ok("roomy"));

    CompleteResponse response = complete("m");

    assertThat(text(response)).isEqualTo("roomy");
    assertThat(a.getRequestCount()).isEqualTo(1);
    assertThat(response.getRoute().getAttempts(0).getErrorClass())
        .isEqualTo(ErrorClass.ERROR_CLASS_CONTEXT_WINDOW_EXCEEDED);
    assertThat(response.getRoute().getModel()).isEqualTo("big");
  }

  @Test
  void anInvalidRequestNeitherRetriesNorFallsBack() throws Exception {
    a.enqueue(Upstreams.invalid());

    Throwable failure = catchThrowable(() -> complete("m"));

    assertThat(Status.fromThrowable(failure).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(a.getRequestCount()).isEqualTo(1);
    assertThat(b.getRequestCount()).isZero();
    assertThat(reportOf(failure).getAttemptsList()).extracting(Attempt::getErrorClass)
        .containsExactly(ErrorClass.ERROR_CLASS_INVALID_REQUEST);
  }

  @Test
  void fallbackOnListsTheClassesThatFallBack() throws Exception {
    a.enqueue(Upstreams.contextWindowExceeded());

    Throwable failure = catchThrowable(() -> complete("strict"));

    assertThat(Status.fromThrowable(failure).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(Statuses.errorInfo(failure).getReason()).isEqualTo("CONTEXT_WINDOW_EXCEEDED");
    assertThat(b.getRequestCount()).isZero();
  }

  @Test
  void anExhaustedChainReportsTheLastErrorAndEveryAttempt() throws Exception {
    for (int i = 0; i < 4; i++) {
      a.enqueue(Upstreams.status(503));
      b.enqueue(Upstreams.status(502));
    }

    Throwable failure = catchThrowable(() -> complete("m"));

    assertThat(Status.fromThrowable(failure).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(Statuses.errorInfo(failure).getReason()).isEqualTo("PROVIDER_UNAVAILABLE");
    assertThat(Statuses.errorInfo(failure).getMetadataMap()).containsEntry("attempts", "8")
        .containsEntry("provider", "b");
    RouteReport route = reportOf(failure);
    assertThat(route.getDeployment()).isEmpty();
    assertThat(route.getAttemptsList()).hasSize(8).extracting(Attempt::getErrorClass)
        .containsOnly(ErrorClass.ERROR_CLASS_UNAVAILABLE);
    assertThat(route.getAttempts(7).getUpstreamStatus()).isEqualTo(502);
  }

  @Test
  void aRequestTheModelCannotTakeGoesToAFallbackThatCan() {
    b.enqueue(Upstreams.ok("with tools"));

    CompleteResponse response = gateway.blocking().withDeadlineAfter(10, TimeUnit.SECONDS).complete(request("m")
        .toBuilder().addTools(Tool.newBuilder().setName("lookup").setDescription("looks up")).build());

    assertThat(text(response)).isEqualTo("with tools");
    assertThat(a.getRequestCount()).isZero();
    assertThat(response.getRoute().getModel()).isEqualTo("big");
  }
}
