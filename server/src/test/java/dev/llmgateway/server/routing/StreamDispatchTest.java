package dev.llmgateway.server.routing;

import static dev.llmgateway.server.routing.Upstreams.END;
import static dev.llmgateway.server.routing.Upstreams.chunk;
import static dev.llmgateway.server.routing.Upstreams.request;
import static dev.llmgateway.server.routing.Upstreams.roleOnly;
import static dev.llmgateway.server.routing.Upstreams.sse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.testing.RecordingStreamObserver;
import dev.llmgateway.server.testing.ScriptedBody;
import dev.llmgateway.server.testing.Statuses;
import dev.llmgateway.v1.Attempt;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.ErrorClass;
import dev.llmgateway.v1.RouteReport;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Streams through the dispatch layer: failures before the first content fall back invisibly; after it
 * they end the stream with UNAVAILABLE and how much was delivered; idle and first-token timeouts count
 * as failures.
 */
class StreamDispatchTest extends TwoUpstreams {

  @BeforeEach
  void start() {
    startGateway("""
        server { time-to-first-token = 500ms, stream-idle = 300ms }
        provider-defaults { resilience { retry { max-attempts = 1 } } }
        models {
          m { provider = a, upstream-model = up-a, capabilities = [chat, streaming], fallbacks = [f] }
          f { provider = b, upstream-model = up-b, capabilities = [chat, streaming] }
        }
        """);
  }

  private RecordingStreamObserver<CompleteStreamResponse> stream() throws InterruptedException {
    RecordingStreamObserver<CompleteStreamResponse> chunks = new RecordingStreamObserver<>();
    gateway.async().withDeadlineAfter(10, TimeUnit.SECONDS).completeStream(request("m"), chunks);
    return chunks.awaitCompletion(Duration.ofSeconds(8));
  }

  private static String text(RecordingStreamObserver<CompleteStreamResponse> chunks) {
    StringBuilder out = new StringBuilder();
    chunks.messages().forEach(c -> out.append(c.getTextDelta()));
    return out.toString();
  }

  private static RouteReport lastRoute(RecordingStreamObserver<CompleteStreamResponse> chunks) {
    return chunks.messages().get(chunks.messages().size() - 1).getRoute();
  }

  @Test
  void aFailureBeforeTheFirstChunkFallsBackInvisibly() throws Exception {
    a.enqueue(Upstreams.status(503));
    b.enqueue(sse(chunk("Hel") + chunk("lo") + END));

    RecordingStreamObserver<CompleteStreamResponse> chunks = stream();

    chunks.assertSucceeded();
    assertThat(text(chunks)).isEqualTo("Hello");
    assertThat(chunks.messages()).allSatisfy(c -> assertThat(c.getProvider()).isIn("", "b"));
    RouteReport route = lastRoute(chunks);
    assertThat(route.getModel()).isEqualTo("f");
    assertThat(route.getAttemptsList()).extracting(Attempt::getErrorClass)
        .containsExactly(ErrorClass.ERROR_CLASS_UNAVAILABLE, ErrorClass.ERROR_CLASS_UNSPECIFIED);
  }

  @Test
  void anErrorEventBeforeAnyContentStillFallsBack() throws Exception {
    a.enqueue(sse(roleOnly() + "data: {\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}\n\n"));
    b.enqueue(sse(chunk("fine") + END));

    RecordingStreamObserver<CompleteStreamResponse> chunks = stream();

    chunks.assertSucceeded();
    assertThat(text(chunks)).isEqualTo("fine");
    assertThat(chunks.messages().get(0).getProvider()).isEqualTo("b");
    assertThat(lastRoute(chunks).getAttemptsCount()).isEqualTo(2);
  }

  @Test
  void aFailureAfterTheFirstChunkEndsTheStreamWithAPreciseStatus() throws Exception {
    // The stream stops without its terminal event: a truncation, never a normal end.
    a.enqueue(sse(chunk("Hel")));

    RecordingStreamObserver<CompleteStreamResponse> chunks = stream();

    assertThat(text(chunks)).isEqualTo("Hel");
    assertThat(chunks.status().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(Statuses.errorInfo(chunks.error()).getMetadataMap())
        .containsEntry("delivered_chunks", "1").containsEntry("delivered_chars", "3");
    assertThat(b.getRequestCount()).as("no fallback after the first chunk").isZero();
    assertThat(Upstreams.reportOf(chunks.error()).getDeployment()).isEqualTo("m#0");
  }

  @Test
  void aStalledStreamIsCutByTheIdleTimeout() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ScriptedBody body = new ScriptedBody().send(chunk("Hel")).await(release).sendUntilClosed(": ping\n\n", 100_000);
    a.enqueue(sse(body));

    long start = System.nanoTime();
    RecordingStreamObserver<CompleteStreamResponse> chunks = stream();
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    release.countDown();

    assertThat(chunks.status().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(Statuses.errorInfo(chunks.error()).getMetadataMap()).containsEntry("delivered_chunks", "1");
    assertThat(elapsed).as("cut after about 300 ms of silence").isBetween(250L, 3_000L);
    assertThat(body.awaitPeerClosed(5_000)).as("the stalled upstream was closed").isTrue();
  }

  @Test
  void noContentWithinTheTimeToFirstTokenFallsBack() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    ScriptedBody body = new ScriptedBody().send(roleOnly()).await(release).sendUntilClosed(": ping\n\n", 100_000);
    a.enqueue(sse(body));
    b.enqueue(sse(chunk("quick") + END));

    RecordingStreamObserver<CompleteStreamResponse> chunks = stream();
    release.countDown();

    chunks.assertSucceeded();
    assertThat(text(chunks)).isEqualTo("quick");
    assertThat(lastRoute(chunks).getAttempts(0).getErrorClass()).isEqualTo(ErrorClass.ERROR_CLASS_TIMEOUT);
    assertThat(body.awaitPeerClosed(5_000)).isTrue();
  }
}
