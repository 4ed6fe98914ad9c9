package dev.llmgateway.server.api;

import static dev.llmgateway.server.api.GatewayServiceTest.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.llmgateway.server.testing.ForwardingResponseObserver;
import dev.llmgateway.server.testing.GrpcCleanupExtension;
import dev.llmgateway.server.testing.RecordingStreamObserver;
import dev.llmgateway.server.testing.ScriptedBody;
import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.FinishReason;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Streaming end to end, gateway between a gRPC client and an OpenAI-compatible upstream speaking SSE:
 * chunks are forwarded as they arrive, flow control reaches the upstream socket, and cancellation or an
 * expired deadline closes the upstream connection.
 */
class StreamingTest {
  @RegisterExtension final GrpcCleanupExtension cleanup = new GrpcCleanupExtension();
  @StartStop final MockWebServer upstream = new MockWebServer();
  private TestGateway gateway;

  @BeforeEach
  void startGateway() {
    gateway = cleanup.register(TestGateway.start("""
        providers { up { type = openai, base-url = "%s", read-timeout = 10s } }
        models { m { provider = up, upstream-model = mock-model, capabilities = [chat, streaming] } }
        """.formatted(upstream.url("/v1"))));
  }

  private static String chunk(String content) {
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"mock-model\","
        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]}\n\n";
  }

  private static final String END = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
      + "\"model\":\"mock-model\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
      + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"mock-model\","
      + "\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}\n\n"
      + "data: [DONE]\n\n";

  private static final String KEEP_ALIVE = ": keep-alive " + "x".repeat(1000) + "\n\n";

  private void enqueue(ScriptedBody body) {
    upstream.enqueue(new MockResponse.Builder().addHeader("content-type", "text/event-stream").body(body).build());
  }

  private static CompleteRequest request() {
    return CompleteRequest.newBuilder().setModel("m").addMessages(user("hi")).build();
  }

  @Test
  void theFirstChunkReachesTheClientBeforeTheUpstreamSendsTheSecond() throws Exception {
    CountDownLatch clientHasFirst = new CountDownLatch(1);
    enqueue(new ScriptedBody().send(chunk("Hel")).await(clientHasFirst).send(chunk("lo")).send(END));
    RecordingStreamObserver<CompleteStreamResponse> chunks = new RecordingStreamObserver<>();

    gateway.async().withDeadlineAfter(10, TimeUnit.SECONDS).completeStream(request(), chunks);
    CompleteStreamResponse first = chunks.awaitNext(Duration.ofSeconds(5));
    clientHasFirst.countDown();

    assertThat(first.getTextDelta()).isEqualTo("Hel");
    assertThat(first.getProvider()).isEqualTo("up");
    chunks.awaitCompletion(Duration.ofSeconds(5)).assertSucceeded();
    StringBuilder text = new StringBuilder();
    chunks.messages().forEach(c -> text.append(c.getTextDelta()));
    assertThat(text.toString()).isEqualTo("Hello");
    CompleteStreamResponse last = chunks.messages().get(chunks.messages().size() - 1);
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(last.getUsage().getTotalTokens()).isEqualTo(7);
  }

  @Test
  void cancellingTheStreamClosesTheUpstreamConnection() throws Exception {
    CountDownLatch cancelled = new CountDownLatch(1);
    ScriptedBody body = new ScriptedBody().send(chunk("Hel")).await(cancelled).sendUntilClosed(KEEP_ALIVE, 100_000);
    enqueue(body);
    AtomicReference<ClientCallStreamObserver<CompleteRequest>> call = new AtomicReference<>();
    RecordingStreamObserver<CompleteStreamResponse> chunks = new RecordingStreamObserver<>();

    gateway.async().completeStream(request(), new ForwardingResponseObserver<>(chunks, call));
    chunks.awaitNext(Duration.ofSeconds(5));
    call.get().cancel("client gave up", null);
    cancelled.countDown();

    assertThat(body.awaitPeerClosed(5_000)).as("upstream saw its connection closed").isTrue();
    chunks.awaitCompletion(Duration.ofSeconds(5));
    assertThat(chunks.status().getCode()).isEqualTo(Status.Code.CANCELLED);
  }

  @Test
  void anExpiredStreamDeadlineClosesTheUpstreamConnection() throws Exception {
    CountDownLatch clientFailed = new CountDownLatch(1);
    ScriptedBody body = new ScriptedBody().send(chunk("Hel")).await(clientFailed).sendUntilClosed(KEEP_ALIVE, 100_000);
    enqueue(body);
    RecordingStreamObserver<CompleteStreamResponse> chunks = new RecordingStreamObserver<>();

    gateway.async().withDeadlineAfter(1500, TimeUnit.MILLISECONDS).completeStream(request(), chunks);
    chunks.awaitCompletion(Duration.ofSeconds(10));
    clientFailed.countDown();

    assertThat(chunks.status().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(chunks.messages()).hasSizeLessThanOrEqualTo(1);
    assertThat(body.awaitPeerClosed(5_000)).as("upstream saw its connection closed").isTrue();
  }

  @Test
  void anExpiredUnaryDeadlineClosesTheUpstreamConnection() throws Exception {
    CountDownLatch clientFailed = new CountDownLatch(1);
    ScriptedBody body = new ScriptedBody().send("{").await(clientFailed).sendUntilClosed(" ".repeat(1000), 100_000);
    upstream.enqueue(new MockResponse.Builder().addHeader("content-type", "application/json").body(body).build());

    long start = System.nanoTime();
    Throwable error = catchThrowable(() -> gateway.blocking().withDeadlineAfter(300, TimeUnit.MILLISECONDS)
        .complete(request()));
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    clientFailed.countDown();

    assertThat(Status.fromThrowable(error).getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(elapsedMillis).isLessThan(2_000);
    assertThat(body.awaitPeerClosed(5_000)).as("upstream saw its connection closed").isTrue();
  }

  @Test
  void aSlowReaderHoldsBackTheUpstreamInsteadOfFillingMemory() throws Exception {
    int chunks = 16_000;
    String payload = "y".repeat(2_000);
    ScriptedBody body = new ScriptedBody().sendRepeated(chunk(payload), chunks).send(END);
    enqueue(body);
    AtomicReference<ClientCallStreamObserver<CompleteRequest>> call = new AtomicReference<>();
    RecordingStreamObserver<CompleteStreamResponse> received = new RecordingStreamObserver<>();
    ClientResponseObserver<CompleteRequest, CompleteStreamResponse> slowReader =
        new ForwardingResponseObserver<>(received, call) {
          @Override
          public void beforeStart(ClientCallStreamObserver<CompleteRequest> requestStream) {
            super.beforeStart(requestStream);
            requestStream.disableAutoRequestWithInitial(1);
          }
        };

    gateway.async().withDeadlineAfter(60, TimeUnit.SECONDS).completeStream(request(), slowReader);
    received.awaitNext(Duration.ofSeconds(5));
    AtomicLong previous = new AtomicLong(-1);
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
        .until(() -> previous.getAndSet(body.bytesWritten()) == body.bytesWritten());
    long heldAt = body.bytesWritten();
    long total = (long) chunks * chunk(payload).length();

    assertThat(heldAt).as("bytes the upstream could write while the client read nothing")
        .isLessThan(total / 2);
    call.get().request(Integer.MAX_VALUE);
    received.awaitCompletion(Duration.ofSeconds(60)).assertSucceeded();
    assertThat(received.messages().stream().mapToLong(c -> c.getTextDelta().length()).sum())
        .isEqualTo((long) chunks * payload.length());
  }
}
