package dev.llmgateway.server.providers.anthropic;

import static dev.llmgateway.server.providers.anthropic.AnthropicAdapterTest.bodyOf;
import static dev.llmgateway.server.providers.anthropic.AnthropicAdapterTest.request;
import static dev.llmgateway.server.providers.anthropic.AnthropicAdapterTest.userSays;
import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.API_KEY;
import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.WAIT_SECONDS;
import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.arguments;
import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.config;
import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.fixture;
import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.json;
import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.sseData;
import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.testing.RecordingStreamSink;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ProviderAdapter;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.server.testing.WireFixture;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.ResponseFormat;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs streamed completions against a MockWebServer serving recorded Anthropic event streams. */
class AnthropicStreamingTest {
  private static final OkHttpClient CLIENT = new OkHttpClient();
  private static final String SSE = "text/event-stream; charset=utf-8";

  @StartStop
  public final MockWebServer server = new MockWebServer();

  @ParameterizedTest
  @ValueSource(strings = {"stream-text-basic", "stream-text", "stream-tool-use", "stream-tool-use-only-padded"})
  void forwardsEveryEventOfARecordedStreamSplitIntoSmallChunks(String stem) throws Exception {
    WireFixture fixture = fixture(stem);
    server.enqueue(fixture.toChunkedResponse(7).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(userSays("Hi")), sink);

    sink.awaitComplete();
    assertThat(sink.chunks).isEqualTo(translatedWithoutHttp(fixture));
    CompleteStreamResponse first = sink.chunks.get(0);
    assertThat(first.getProvider()).isEqualTo("claude");
    assertThat(first.getModel()).isNotEmpty();
    CompleteStreamResponse last = sink.chunks.get(sink.chunks.size() - 1);
    assertThat(last.getFinishReason()).isNotEqualTo(FinishReason.FINISH_REASON_UNSPECIFIED);
    assertThat(last.getUsage().getTotalTokens()).isPositive();
    RecordedRequest recorded = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/messages");
    assertThat(recorded.getHeaders().get("x-api-key")).isEqualTo(API_KEY);
    assertThat(recorded.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(bodyOf(recorded).get("stream").asBoolean()).isTrue();
    assertThat(bodyOf(recorded).get("model").asText()).isEqualTo("claude-sonnet-4-5");
  }

  @Test
  void streamsAToolCallWithItsArgumentsInFragments() throws Exception {
    server.enqueue(fixture("stream-tool-use").toChunkedResponse(7).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(userSays("Weather in Paris?")), sink);

    sink.awaitComplete();
    assertThat(text(sink.chunks)).isEqualTo("I'll check the current weather in Paris for you.");
    assertThat(json(arguments(sink.chunks, 0))).isEqualTo(json("{\"location\": \"Paris\"}"));
    CompleteStreamResponse last = sink.chunks.get(sink.chunks.size() - 1);
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_TOOL_CALLS);
    assertThat(last.getUpstreamFinishReason()).isEqualTo("tool_use");
  }

  @Test
  void failsWithProviderUnavailableOnAnErrorEventAfterForwardingEarlierChunks() throws Exception {
    server.enqueue(fixture("stream-error-overloaded").toChunkedResponse(7).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(userSays("Hi")), sink);

    GatewayException e = sink.awaitError();
    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(text(sink.chunks)).isEqualTo("Hello");
  }

  @Test
  void failsWithProviderUnavailableWhenTheStreamEndsBeforeMessageStop() throws Exception {
    String body = fixture("stream-text-basic").bodyText();
    String cut = body.substring(0, body.indexOf("event: message_delta"));
    server.enqueue(new MockResponse.Builder().addHeader("content-type", SSE)
        .chunkedBody(new Buffer().writeUtf8(cut), 7).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(userSays("Hi")), sink);

    GatewayException e = sink.awaitError();
    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(e.getMessage()).contains("before the answer was complete");
    assertThat(text(sink.chunks)).isEqualTo("Hello there!");
  }

  @Test
  void failsWithProviderUnavailableWhenTheConnectionDropsMidStream() throws Exception {
    server.enqueue(fixture("stream-text-basic").toResponse()
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(userSays("Hi")), sink);

    GatewayException e = sink.awaitError();
    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(sink.chunks).isNotEmpty();
    assertThat(sink.chunks.get(0).getProvider()).isEqualTo("claude");
    assertThat(sink.chunks).allMatch(c -> c.getFinishReason() == FinishReason.FINISH_REASON_UNSPECIFIED);
  }

  @Test
  void failsWithAProtocolErrorOnAMalformedEventAndStopsForwarding() throws Exception {
    String body = fixture("stream-text-basic").bodyText();
    int cut = body.indexOf("event: content_block_stop");
    String broken = body.substring(0, cut) + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\","
        + "\"index\":0,\"delta\":{\"type\n\n" + body.substring(cut);
    server.enqueue(new MockResponse.Builder().addHeader("content-type", SSE)
        .chunkedBody(new Buffer().writeUtf8(broken), 7).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(userSays("Hi")), sink);

    GatewayException e = sink.awaitError();
    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
    assertThat(text(sink.chunks)).isEqualTo("Hello there!");
    assertThat(sink.chunks).noneMatch(c -> c.getFinishReason() != FinishReason.FINISH_REASON_UNSPECIFIED);
  }

  @ParameterizedTest
  @CsvSource({
      "error-429-rate-limit,PROVIDER_RATE_LIMITED",
      "error-529-overloaded,PROVIDER_UNAVAILABLE",
      "error-401-authentication,PROVIDER_MISCONFIGURED",
      "error-400-prompt-too-long,CONTEXT_WINDOW_EXCEEDED"})
  void classifiesAnErrorAnswerToTheStreamRequestFromItsBody(String stem, ErrorKind kind) throws Exception {
    WireFixture fixture = fixture(stem);
    server.enqueue(fixture.toResponse().build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(userSays("Hi")), sink);

    GatewayException e = sink.awaitError();
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.upstreamStatus()).isEqualTo(fixture.code());
    assertThat(sink.chunks).isEmpty();
    if (kind == ErrorKind.PROVIDER_RATE_LIMITED) {
      assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }
  }

  @Test
  void failsWithAProtocolErrorWhenTheAnswerIsNotAnEventStream() throws Exception {
    server.enqueue(fixture("message-text").toResponse().build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(userSays("Hi")), sink);

    assertThat(sink.awaitError().kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
  }

  @Test
  void rejectsARequestAnthropicCannotExpressBeforeOpeningTheStream() throws Exception {
    CompleteRequest jsonObject = userSays("Hi").toBuilder()
        .setResponseFormat(ResponseFormat.newBuilder().setType(ResponseFormat.Type.TYPE_JSON_OBJECT)).build();
    RecordingStreamSink sink = new RecordingStreamSink();

    UpstreamCall call = adapter().stream(request(jsonObject), sink);

    assertThat(sink.awaitError().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(call).isSameAs(UpstreamCall.DONE);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void cancellingClosesTheUpstreamConnectionAndReportsCancelledOnce() throws Exception {
    String body = fixture("stream-text-basic").bodyText();
    String firstEvent = body.substring(0, body.indexOf("event: content_block_start"));
    CountDownLatch cancelled = new CountDownLatch(1);
    CompletableFuture<IOException> serverSawClose = new CompletableFuture<>();
    server.enqueue(new MockResponse.Builder().addHeader("content-type", SSE)
        .body(new MockResponseBody() {
          @Override
          public long getContentLength() {
            return -1;
          }

          @Override
          public void writeTo(BufferedSink sink) throws IOException {
            sink.writeUtf8(firstEvent);
            sink.flush();
            try {
              cancelled.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return;
            }
            // Keep the stream alive with pings until a write proves the client hung up.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            try {
              while (System.nanoTime() < deadline) {
                sink.writeUtf8("event: ping\ndata: {\"type\": \"ping\"}\n\n");
                sink.flush();
              }
            } catch (IOException e) {
              serverSawClose.complete(e);
              throw e;
            }
          }
        }).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    UpstreamCall call = adapter().stream(request(userSays("Hi")), sink);
    CompleteStreamResponse first = sink.firstChunk.get(WAIT_SECONDS, TimeUnit.SECONDS);
    call.cancel();
    call.cancel();
    cancelled.countDown();

    assertThat(first.getProvider()).isEqualTo("claude");
    assertThat(sink.awaitError().kind()).isEqualTo(ErrorKind.CANCELLED);
    assertThat(serverSawClose.get(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
    assertThat(sink.chunks).hasSize(1);
    assertThat(sink.terminals).hasValue(1);
  }

  @Test
  void cancellingAfterCompletionChangesNothing() throws Exception {
    server.enqueue(fixture("stream-text-basic").toResponse().build());
    RecordingStreamSink sink = new RecordingStreamSink();

    UpstreamCall call = adapter().stream(request(userSays("Hi")), sink);
    sink.awaitComplete();
    call.cancel();

    assertThat(sink.terminals).hasValue(1);
  }

  private ProviderAdapter adapter() {
    return new AnthropicAdapter.Factory(CLIENT).create(config(server.url("/v1").toString(), Map.of()));
  }

  private static List<CompleteStreamResponse> translatedWithoutHttp(WireFixture fixture) {
    AnthropicStreamTranslator translator = AnthropicTesting.translator().newStream("claude-sonnet-4-5");
    List<CompleteStreamResponse> chunks = new ArrayList<>();
    for (String event : sseData(fixture.bodyText())) {
      CompleteStreamResponse chunk = translator.onEvent(event);
      if (chunk != null) {
        chunks.add(chunk);
      }
    }
    return chunks;
  }
}
