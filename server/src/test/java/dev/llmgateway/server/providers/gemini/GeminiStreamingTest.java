package dev.llmgateway.server.providers.gemini;

import static dev.llmgateway.server.providers.gemini.GeminiTesting.API_KEY;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.WAIT_SECONDS;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.config;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.fixture;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.json;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.request;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.sseData;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.text;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.userSays;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.testing.RecordingStreamSink;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ProviderAdapter;
import dev.llmgateway.server.providers.ProviderRequest;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.server.testing.WireFixture;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.ToolCall;
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

/** Runs streamed completions against a MockWebServer serving recorded Gemini event streams. */
class GeminiStreamingTest {
  private static final OkHttpClient CLIENT = new OkHttpClient();
  private static final String SSE = "text/event-stream";

  @StartStop
  public final MockWebServer server = new MockWebServer();

  @ParameterizedTest
  @ValueSource(strings = {"stream-generate-content", "stream-generate-content-function-call"})
  void forwardsEveryEventOfARecordedStreamSplitIntoSevenByteChunks(String stem) throws Exception {
    WireFixture fixture = fixture(stem);
    server.enqueue(fixture.toChunkedResponse(7).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(userSays("Hi")), sink);

    sink.awaitComplete();
    assertThat(sink.chunks).isEqualTo(translatedWithoutHttp(fixture));
    CompleteStreamResponse first = sink.chunks.get(0);
    assertThat(first.getProvider()).isEqualTo("google");
    assertThat(first.getModel()).isEqualTo("gemini-3-pro-preview");
    assertThat(sink.last().getFinishReason()).isNotEqualTo(FinishReason.FINISH_REASON_UNSPECIFIED);
    assertThat(sink.last().getUsage().getTotalTokens()).isPositive();
    RecordedRequest recorded = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
    assertThat(recorded.getUrl().query()).isEqualTo("alt=sse");
    assertThat(recorded.getHeaders().get("x-goog-api-key")).isEqualTo(API_KEY);
    assertThat(recorded.getHeaders().get("accept")).isEqualTo(SSE);
    assertThat(json(recorded.getBody().utf8())).isEqualTo(json(
        "{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": \"Hi\"}]}]}"));
  }

  @Test
  void streamsTheRecordedTextWithUsageOnTheLastChunk() throws Exception {
    server.enqueue(fixture("stream-generate-content").toChunkedResponse(7).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(userSays("How many r's?")), sink);

    sink.awaitComplete();
    assertThat(text(sink.chunks)).isEqualTo("There are **3** \"r\"s in strawberry.\n\nst**r**awbe**rr**y");
    assertThat(sink.last().getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(sink.last().getUsage().getOutputTokens()).isEqualTo(23 + 185);
    assertThat(sink.last().getUsage().getReasoningTokens()).isEqualTo(185);
  }

  @Test
  void streamsAFunctionCallWholeAndEndsForToolCalls() throws Exception {
    server.enqueue(fixture("stream-generate-content-function-call").toChunkedResponse(7).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(userSays("Weather in SF?")), sink);

    sink.awaitComplete();
    assertThat(sink.chunks.get(0).getToolCallDeltas(0).getName()).isEqualTo("weather");
    assertThat(json(sink.chunks.get(0).getToolCallDeltas(0).getArgumentsJsonDelta()))
        .isEqualTo(json("{\"location\": \"San Francisco\"}"));
    assertThat(sink.last().getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_TOOL_CALLS);
  }

  @Test
  void failsWithProviderUnavailableWhenTheBodyEndsBeforeAnyFinishReason() throws Exception {
    String body = fixture("stream-generate-content").bodyText();
    String cut = body.substring(0, body.lastIndexOf("data: "));
    server.enqueue(sse(cut));
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(userSays("Hi")), sink);

    GatewayException e = sink.awaitError();
    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(e.getMessage()).contains("before the answer was complete");
    assertThat(text(sink.chunks)).isEqualTo("There are **3** \"r\"s in strawberry.\n\nst**r**awbe**rr**y");
    assertThat(sink.chunks).allMatch(c -> c.getFinishReason() == FinishReason.FINISH_REASON_UNSPECIFIED);
  }

  @Test
  void failsWithProviderUnavailableWhenTheConnectionDropsMidStream() throws Exception {
    server.enqueue(fixture("stream-generate-content").toResponse()
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(userSays("Hi")), sink);

    GatewayException e = sink.awaitError();
    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(sink.chunks).allMatch(c -> c.getFinishReason() == FinishReason.FINISH_REASON_UNSPECIFIED);
  }

  @Test
  void failsWithAProtocolErrorOnAMalformedEventAndStopsForwarding() throws Exception {
    String body = fixture("stream-generate-content").bodyText();
    int cut = body.indexOf("data: ", 1);
    String broken = body.substring(0, cut) + "data: {\"candidates\": [{\"content\": {\"parts\": [{\"te\r\n\r\n"
        + body.substring(cut);
    server.enqueue(sse(broken));
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(userSays("Hi")), sink);

    GatewayException e = sink.awaitError();
    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
    assertThat(text(sink.chunks)).isEqualTo("There are **3**");
    assertThat(sink.chunks).hasSize(1);
  }

  @Test
  void failsClassifiedOnAnErrorObjectInsideTheStream() throws Exception {
    String body = fixture("stream-generate-content").bodyText();
    String first = body.substring(0, body.indexOf("data: ", 1));
    server.enqueue(sse(first + "data: {\"error\": {\"code\": 503, \"message\": \"The model is overloaded.\","
        + " \"status\": \"UNAVAILABLE\"}}\r\n\r\n"));
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(userSays("Hi")), sink);

    assertThat(sink.awaitError().kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(text(sink.chunks)).isEqualTo("There are **3**");
  }

  @ParameterizedTest
  @CsvSource({
      "error-429-resource-exhausted,PROVIDER_RATE_LIMITED",
      "error-503-unavailable,PROVIDER_UNAVAILABLE",
      "error-400-api-key-invalid,PROVIDER_MISCONFIGURED",
      "error-400-invalid-argument,INVALID_REQUEST"})
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
    server.enqueue(fixture("generate-content-response").toResponse().build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(userSays("Hi")), sink);

    assertThat(sink.awaitError().kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
  }

  @Test
  void rejectsARequestGeminiCannotTakeBeforeOpeningTheStream() throws Exception {
    CompleteRequest orphanResult = userSays("Hi").toBuilder()
        .addMessages(Message.newBuilder().setRole(Role.ROLE_ASSISTANT).addToolCalls(ToolCall.newBuilder()
            .setId("call_0").setName("f").setArgumentsJson("not json")))
        .build();
    RecordingStreamSink sink = new RecordingStreamSink();

    UpstreamCall call = adapter().stream(request(orphanResult), sink);

    assertThat(sink.awaitError().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(call).isSameAs(UpstreamCall.DONE);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void cancellingClosesTheUpstreamConnectionAndReportsCancelledOnce() throws Exception {
    String body = fixture("stream-generate-content").bodyText();
    String firstEvent = body.substring(0, body.indexOf("data: ", 1));
    String filler = sseData(body).get(1);
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
            // Keep streaming until a write proves the client hung up.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            try {
              while (System.nanoTime() < deadline) {
                sink.writeUtf8("data: " + filler + "\r\n\r\n");
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

    assertThat(first.getProvider()).isEqualTo("google");
    assertThat(sink.awaitError().kind()).isEqualTo(ErrorKind.CANCELLED);
    assertThat(serverSawClose.get(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
    assertThat(sink.chunks).hasSize(1);
    assertThat(sink.terminals).hasValue(1);
  }

  @Test
  void cancellingAfterCompletionChangesNothing() throws Exception {
    server.enqueue(fixture("stream-generate-content").toResponse().build());
    RecordingStreamSink sink = new RecordingStreamSink();

    UpstreamCall call = adapter().stream(request(userSays("Hi")), sink);
    sink.awaitComplete();
    call.cancel();

    assertThat(sink.terminals).hasValue(1);
  }

  @Test
  void refusesAModelNameThatIsNotAGeminiModelBeforeOpeningTheStream() throws Exception {
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(new ProviderRequest<>(userSays("Hi"), "models/../files", null, "req-1"), sink);

    assertThat(sink.awaitError().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(server.getRequestCount()).isZero();
  }

  private ProviderAdapter adapter() {
    return new GeminiAdapter.Factory(CLIENT).create(config(server.url("/v1beta").toString(), Map.of()));
  }

  private static MockResponse sse(String body) {
    return new MockResponse.Builder().addHeader("content-type", SSE).chunkedBody(new Buffer().writeUtf8(body), 7)
        .build();
  }

  private static List<CompleteStreamResponse> translatedWithoutHttp(WireFixture fixture) {
    GeminiStreamTranslator translator = GeminiTesting.translator().newStream("req-1", GeminiTesting.MODEL);
    List<CompleteStreamResponse> chunks = new ArrayList<>();
    for (String event : sseData(fixture.bodyText())) {
      CompleteStreamResponse chunk = translator.onEvent(event);
      if (chunk != null) {
        chunks.add(chunk);
      }
    }
    chunks.add(translator.finish());
    return chunks;
  }
}
