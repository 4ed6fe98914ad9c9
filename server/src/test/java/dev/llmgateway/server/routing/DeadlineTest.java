package dev.llmgateway.server.routing;

import static dev.llmgateway.server.routing.Upstreams.providerConfig;
import static dev.llmgateway.server.routing.Upstreams.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.llmgateway.server.resilience.DeploymentGuards;
import dev.llmgateway.server.resilience.DeploymentHealth;
import dev.llmgateway.server.testing.ForwardingResponseObserver;
import dev.llmgateway.server.testing.GrpcCleanupExtension;
import dev.llmgateway.server.testing.RecordingStreamObserver;
import dev.llmgateway.server.testing.ScriptedBody;
import dev.llmgateway.server.testing.Statuses;
import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Call budgets: the client's deadline (or the configured default) bounds the whole route, the call ends
 * with DEADLINE_EXCEEDED close to it, and the upstream request is closed rather than left running.
 */
class DeadlineTest {
  // Generous for a loaded 2-core machine, still far below the upstream's stall.
  private static final long MARGIN_MILLIS = 1500;

  @RegisterExtension final GrpcCleanupExtension cleanup = new GrpcCleanupExtension();
  @StartStop final MockWebServer a = new MockWebServer();
  private TestGateway gateway;

  @BeforeEach
  void start() {
    gateway = cleanup.register(TestGateway.start("""
        server { default-deadline = 300ms }
        provider-defaults { resilience { retry { max-attempts = 3, initial-backoff = 10ms } } }
        providers {
        %s}
        models { m { provider = a, upstream-model = up-a, capabilities = [chat] } }
        """.formatted(providerConfig("a", a))));
    // The first call of a fresh gateway pays for class loading and a new connection: not what is measured.
    a.enqueue(Upstreams.ok("warm"));
    gateway.blocking().withDeadlineAfter(10, TimeUnit.SECONDS).complete(request("m"));
  }

  /** Enqueues an answer whose body stalls until {@code release}, then writes until the gateway hangs up. */
  private ScriptedBody stalled(CountDownLatch release) {
    ScriptedBody body = new ScriptedBody().send("{\"id\":").await(release).sendUntilClosed(" ", 100_000);
    a.enqueue(new MockResponse.Builder().addHeader("content-type", "application/json").body(body).build());
    return body;
  }

  private void assertNothingInFlight() {
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(gateway.injector().getInstance(DeploymentGuards.class).health())
            .extracting(DeploymentHealth::inFlight).containsOnly(0));
  }

  @Test
  void aClientDeadlineOf300msEndsTheCallInTimeAndClosesTheUpstreamRequest() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ScriptedBody body = stalled(release);

    long start = System.nanoTime();
    Throwable failure = catchThrowable(() ->
        gateway.blocking().withDeadlineAfter(300, TimeUnit.MILLISECONDS).complete(request("m")));
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    release.countDown();

    assertThat(Status.fromThrowable(failure).getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(elapsed).isBetween(250L, 300 + MARGIN_MILLIS);
    assertThat(body.awaitPeerClosed(5_000)).as("the upstream saw its request closed").isTrue();
    assertThat(a.getRequestCount()).as("no retry starts once the budget is spent").isEqualTo(2);
    assertNothingInFlight();
  }

  @Test
  void theDefaultDeadlineBoundsACallWhoseClientSetNone() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ScriptedBody body = stalled(release);

    long start = System.nanoTime();
    Throwable failure = catchThrowable(() -> gateway.blocking().complete(request("m")));
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    release.countDown();

    assertThat(Status.fromThrowable(failure).getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(elapsed).isBetween(250L, 300 + MARGIN_MILLIS);
    assertThat(body.awaitPeerClosed(5_000)).isTrue();
    assertThat(a.getRequestCount()).isEqualTo(2);
    assertThat(Upstreams.reportOf(failure).getAttemptsCount()).isEqualTo(1);
    assertNothingInFlight();
  }

  @Test
  void aRetryAfterThatDoesNotFitTheBudgetEndsTheCallAtOnce() throws Exception {
    a.enqueue(Upstreams.rateLimited(2_000));

    long start = System.nanoTime();
    Throwable failure = catchThrowable(() ->
        gateway.blocking().withDeadlineAfter(1, TimeUnit.SECONDS).complete(request("m")));
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(Status.fromThrowable(failure).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(Statuses.errorInfo(failure).getReason()).isEqualTo("PROVIDER_RATE_LIMITED");
    assertThat(Statuses.retryInfo(failure)).as("the provider's hint reaches the caller").isPresent();
    assertThat(elapsed).as("no waiting for a retry that cannot happen").isLessThan(900);
    assertThat(a.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aCancelledCallStopsRetrying() throws Exception {
    a.enqueue(Upstreams.rateLimited(300));
    a.enqueue(Upstreams.ok("never asked for"));
    RecordingStreamObserver<CompleteResponse> response = new RecordingStreamObserver<>();
    AtomicReference<ClientCallStreamObserver<CompleteRequest>> call = new AtomicReference<>();

    gateway.async().withDeadlineAfter(10, TimeUnit.SECONDS).complete(request("m"),
        new ForwardingResponseObserver<>(response, call));
    await().atMost(Duration.ofSeconds(5)).until(() -> a.getRequestCount() == 2);
    call.get().cancel("the caller gave up", null);

    assertThat(response.awaitCompletion(Duration.ofSeconds(5)).status().getCode()).isEqualTo(Status.Code.CANCELLED);
    // The retry was due 300 ms after the 429: well past it, nothing more has reached the upstream.
    await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(() -> a.getRequestCount() == 2);
    assertNothingInFlight();
  }
}
