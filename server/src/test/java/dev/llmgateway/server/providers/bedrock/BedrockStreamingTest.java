package dev.llmgateway.server.providers.bedrock;

import static dev.llmgateway.server.providers.bedrock.BedrockTesting.WAIT_SECONDS;
import static dev.llmgateway.server.providers.bedrock.BedrockTesting.fixture;
import static dev.llmgateway.server.providers.bedrock.BedrockTesting.json;
import static dev.llmgateway.server.providers.bedrock.BedrockTesting.resource;
import static dev.llmgateway.server.providers.bedrock.BedrockTesting.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.testing.RecordingStreamSink;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ProviderAdapter;
import dev.llmgateway.server.providers.ProviderRequest;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okio.Buffer;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs ConverseStream calls against a MockWebServer serving the recorded binary event streams. */
class BedrockStreamingTest {
  private static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

  @StartStop public final MockWebServer server = new MockWebServer();

  private final OkHttpClient shared = new OkHttpClient();

  @AfterEach
  void closeClient() {
    shared.dispatcher().cancelAll();
    shared.connectionPool().evictAll();
  }

  @ParameterizedTest
  @ValueSource(strings = {"converse-stream-text", "converse-stream-tool-use"})
  void forwardsEveryFrameOfARecordedStreamSplitIntoSevenByteChunks(String stem) throws Exception {
    server.enqueue(fixture(stem).toChunkedResponse(7).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(), sink);

    sink.awaitComplete();
    assertThat(sink.chunks).isEqualTo(BedrockStreamTranslatorTest.translate(stem).stream()
        .map(c -> c.toBuilder().setId("2f8f4f6a-1b1c-4f43-9a63-1e5c6c6a7b21").build()).toList());
    CompleteStreamResponse last = sink.chunks.get(sink.chunks.size() - 1);
    assertThat(last.getFinishReason()).isNotEqualTo(FinishReason.FINISH_REASON_UNSPECIFIED);
    assertThat(last.getUsage().getTotalTokens()).isPositive();
    RecordedRequest recorded = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getUrl().encodedPath())
        .isEqualTo("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream");
    assertThat(recorded.getHeaders().get("Authorization")).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"
        + "20250102/us-east-1/bedrock/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;"
        + "x-amz-date, Signature=");
    assertThat(recorded.getHeaders().get("X-Amz-Date")).isEqualTo("20250102T030405Z");
    assertThat(json(recorded.getBody().toByteArray()).get("messages"))
        .isEqualTo(json("[{\"role\":\"user\",\"content\":[{\"text\":\"Hello\"}]}]"));
  }

  @Test
  void forwardsTheFirstChunkBeforeTheRestOfTheBodyIsSent() throws Exception {
    byte[] body = resource("converse-stream-text.bin");
    int firstFrame = frameEnds(body)[0];
    CountDownLatch firstForwarded = new CountDownLatch(1);
    server.enqueue(new MockResponse.Builder().addHeader("content-type", EVENT_STREAM)
        .body(new Streamed(sink -> {
          sink.write(body, 0, firstFrame);
          sink.flush();
          if (!firstForwarded.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new IOException("the first chunk was not forwarded while the body was incomplete");
          }
          sink.write(body, firstFrame, body.length - firstFrame);
        })).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(), sink);
    CompleteStreamResponse first = sink.firstChunk.get(WAIT_SECONDS, TimeUnit.SECONDS);
    firstForwarded.countDown();

    sink.awaitComplete();
    assertThat(first.getProvider()).isEqualTo(BedrockTesting.PROVIDER);
    assertThat(text(sink.chunks)).isEqualTo("I'm doing well");
  }

  @Test
  void failsWithRateLimitedOnAThrottlingExceptionInsideTheStream() throws Exception {
    server.enqueue(fixture("converse-stream-exception-throttling").toChunkedResponse(7).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(), sink);

    GatewayException e = sink.awaitError();
    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_RATE_LIMITED);
    assertThat(sink.chunks).hasSize(1);
    assertThat(sink.chunks.get(0).getProvider()).isEqualTo(BedrockTesting.PROVIDER);
  }

  @Test
  void failsWithProviderUnavailableOnAModelStreamErrorAfterForwardingEarlierText() throws Exception {
    server.enqueue(fixture("converse-stream-exception-model-stream-error").toChunkedResponse(7).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(), sink);

    GatewayException e = sink.awaitError();
    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(text(sink.chunks)).isEqualTo("Partial");
  }

  @Test
  void failsWithProviderUnavailableWhenTheBodyEndsAfterMessageStopWithoutMetadata() throws Exception {
    byte[] body = resource("converse-stream-text.bin");
    int[] ends = frameEnds(body);
    byte[] cut = Arrays.copyOf(body, ends[ends.length - 2]);
    server.enqueue(eventStream(cut, 7));
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(), sink);

    GatewayException e = sink.awaitError();
    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(e.getMessage()).contains("before the answer was complete");
    assertThat(text(sink.chunks)).isEqualTo("I'm doing well");
    assertThat(sink.chunks).allMatch(c -> c.getFinishReason() == FinishReason.FINISH_REASON_UNSPECIFIED);
  }

  @Test
  void failsWithProviderUnavailableWhenTheBodyEndsInsideAFrame() throws Exception {
    byte[] body = resource("converse-stream-text.bin");
    server.enqueue(eventStream(Arrays.copyOf(body, frameEnds(body)[1] + 10), 7));
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(), sink);

    assertThat(sink.awaitError().kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(text(sink.chunks)).isEqualTo("I");
  }

  @Test
  void failsWithProviderUnavailableWhenTheConnectionDropsMidStream() throws Exception {
    server.enqueue(fixture("converse-stream-text").toResponse()
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(), sink);

    assertThat(sink.awaitError().kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(sink.chunks).allMatch(c -> c.getFinishReason() == FinishReason.FINISH_REASON_UNSPECIFIED);
  }

  @Test
  void failsWithAProtocolErrorOnAFrameWithACorruptedCrcAndStopsForwarding() throws Exception {
    byte[] body = resource("converse-stream-text.bin");
    int[] ends = frameEnds(body);
    byte[] corrupted = body.clone();
    corrupted[ends[2] - 1] ^= 0x01;
    server.enqueue(eventStream(corrupted, 7));
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(), sink);

    GatewayException e = sink.awaitError();
    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
    assertThat(e.getMessage()).contains("corrupt event-stream frame");
    assertThat(text(sink.chunks)).isEqualTo("I");
  }

  @Test
  void classifiesAnHttpErrorAnswerToTheStreamRequest() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429)
        .addHeader("x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/")
        .addHeader("content-type", "application/json")
        .body("{\"message\":\"Too many requests, please wait before trying again.\"}").build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(), sink);

    GatewayException e = sink.awaitError();
    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_RATE_LIMITED);
    assertThat(e.upstreamStatus()).isEqualTo(429);
    assertThat(sink.chunks).isEmpty();
  }

  @Test
  void failsWithAProtocolErrorWhenTheAnswerIsNotAnEventStream() throws Exception {
    server.enqueue(fixture("converse-response-text").toResponse().build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(), sink);

    assertThat(sink.awaitError().kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
  }

  @Test
  void cancellingClosesTheUpstreamConnectionAndReportsCancelledOnce() throws Exception {
    byte[] body = resource("converse-stream-text.bin");
    int[] ends = frameEnds(body);
    CountDownLatch cancelled = new CountDownLatch(1);
    CompletableFuture<IOException> serverSawClose = new CompletableFuture<>();
    server.enqueue(new MockResponse.Builder().addHeader("content-type", EVENT_STREAM)
        .body(new Streamed(sink -> {
          sink.write(body, 0, ends[0]);
          sink.flush();
          cancelled.await(WAIT_SECONDS, TimeUnit.SECONDS);
          // Keep sending text frames until a write proves the client hung up.
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
          try {
            while (System.nanoTime() < deadline) {
              sink.write(body, ends[0], ends[1] - ends[0]);
              sink.flush();
            }
          } catch (IOException e) {
            serverSawClose.complete(e);
            throw e;
          }
        })).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    UpstreamCall call = adapter().stream(request(), sink);
    sink.firstChunk.get(WAIT_SECONDS, TimeUnit.SECONDS);
    call.cancel();
    call.cancel();
    cancelled.countDown();

    assertThat(sink.awaitError().kind()).isEqualTo(ErrorKind.CANCELLED);
    assertThat(serverSawClose.get(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
    assertThat(sink.terminals).hasValue(1);
  }

  @Test
  void cancellingAfterCompletionChangesNothing() throws Exception {
    server.enqueue(fixture("converse-stream-text").toResponse().build());
    RecordingStreamSink sink = new RecordingStreamSink();

    UpstreamCall call = adapter().stream(request(), sink);
    sink.awaitComplete();
    call.cancel();

    assertThat(sink.terminals).hasValue(1);
  }

  private ProviderAdapter adapter() {
    return new BedrockAdapter.Factory(shared, BedrockTesting.environment()::get, BedrockTesting.CLOCK)
        .create(BedrockTesting.config(server.url("/").toString(), Map.of()));
  }

  static ProviderRequest<CompleteRequest> request() {
    CompleteRequest request = CompleteRequest.newBuilder().setModel("claude-haiku")
        .addMessages(Message.newBuilder().setRole(Role.ROLE_USER).addContent(ContentPart.newBuilder().setText("Hello")))
        .build();
    return new ProviderRequest<>(request, BedrockTesting.MODEL, Duration.ofSeconds(WAIT_SECONDS), "req-1");
  }

  private static MockResponse eventStream(byte[] body, int chunkSize) {
    return new MockResponse.Builder().addHeader("content-type", EVENT_STREAM)
        .chunkedBody(new Buffer().write(body), chunkSize).build();
  }

  /** Returns the end offset of each frame, read from the frames' own total-length fields. */
  static int[] frameEnds(byte[] body) {
    int count = 0;
    int[] ends = new int[body.length / 16];
    for (int at = 0; at < body.length; ) {
      at += ByteBuffer.wrap(body, at, 4).getInt();
      ends[count++] = at;
    }
    return Arrays.copyOf(ends, count);
  }

  /** Writes a response body step by step, from the server's thread. */
  @FunctionalInterface
  interface BodyScript {
    void write(BufferedSink sink) throws IOException, InterruptedException;
  }

  /** A body of unknown length written by a {@link BodyScript}. */
  private record Streamed(BodyScript script) implements MockResponseBody {
    @Override
    public long getContentLength() {
      return -1;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      try {
        script.write(sink);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
