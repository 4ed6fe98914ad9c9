package dev.llmgateway.server.providers.cohere;

import static dev.llmgateway.server.providers.cohere.CohereAdapterTest.request;
import static dev.llmgateway.server.providers.cohere.CohereRequestWriterTest.text;
import static dev.llmgateway.server.providers.cohere.CohereTesting.API_KEY;
import static dev.llmgateway.server.providers.cohere.CohereTesting.PROVIDER;
import static dev.llmgateway.server.providers.cohere.CohereTesting.WAIT_SECONDS;
import static dev.llmgateway.server.providers.cohere.CohereTesting.config;
import static dev.llmgateway.server.providers.cohere.CohereTesting.fixture;
import static dev.llmgateway.server.providers.cohere.CohereTesting.json;
import static dev.llmgateway.server.providers.cohere.CohereTesting.toolCalls;
import static dev.llmgateway.server.providers.cohere.CohereTesting.translate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.testing.RecordingStreamSink;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ProviderAdapter;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.server.testing.ScriptedBody;
import dev.llmgateway.server.testing.WireFixture;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.Role;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Runs streamed completions against a MockWebServer serving recorded Cohere event streams. */
class CohereStreamingTest {
  private static final String SSE = "text/event-stream";
  private static final String MODEL = "command-a-03-2025";

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private final OkHttpClient shared = new OkHttpClient();

  @AfterEach
  void closeClient() {
    shared.dispatcher().cancelAll();
    shared.connectionPool().evictAll();
  }

  @ParameterizedTest
  @ValueSource(strings = {"chat-stream", "chat-stream-tool-calls", "chat-stream-citations"})
  void forwardsEveryEventOfARecordedStreamSplitIntoSevenByteChunks(String stem) throws Exception {
    WireFixture recorded = fixture(stem);
    server.enqueue(recorded.toChunkedResponse(7).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(hello(), MODEL), sink);

    sink.awaitComplete();
    assertThat(sink.chunks).isEqualTo(translate(recorded.bodyText(), MODEL));
    assertThat(sink.chunks.get(0).getProvider()).isEqualTo(PROVIDER);
    assertThat(sink.chunks.get(0).getModel()).isEqualTo(MODEL);
    assertThat(sink.last().getFinishReason()).isNotEqualTo(FinishReason.FINISH_REASON_UNSPECIFIED);
    assertThat(sink.last().getUsage().getTotalTokens()).isPositive();
    RecordedRequest sent = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/v2/chat");
    assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer " + API_KEY);
    assertThat(sent.getHeaders().get("Accept")).isEqualTo(SSE);
    JsonNode body = json(sent.getBody().utf8());
    assertThat(body.get("stream").asBoolean()).isTrue();
    assertThat(body.get("model").asText()).isEqualTo(MODEL);
  }

  @Test
  void streamsToolCallsWithTheirArgumentsInFragments() throws Exception {
    server.enqueue(fixture("chat-stream-tool-calls").toChunkedResponse(7).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(hello(), MODEL), sink);

    sink.awaitComplete();
    assertThat(toolCalls(sink.chunks).get(1)).containsExactly("query_product_catalog_c66nf11r6s8g",
        "query_product_catalog", "{\"category\": \"Electronics\"}");
    assertThat(sink.last().getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_TOOL_CALLS);
    assertThat(sink.last().getUpstreamFinishReason()).isEqualTo("TOOL_CALL");
  }

  @Test
  void failsWithProviderUnavailableWhenTheBodyEndsBeforeMessageEnd() throws Exception {
    String body = fixture("chat-stream").bodyText();
    server.enqueue(sse(body.substring(0, body.indexOf("event: message-end"))));
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(hello(), MODEL), sink);

    GatewayException e = sink.awaitError();
    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(e.getMessage()).contains("before it was complete");
    assertThat(CohereTesting.text(sink.chunks)).startsWith("LLMs stand for");
    assertThat(sink.chunks).noneMatch(CompleteStreamResponse::hasUsage);
  }

  @Test
  void failsWithProviderUnavailableWhenTheConnectionDropsMidStream() throws Exception {
    server.enqueue(fixture("chat-stream").toChunkedResponse(64)
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(hello(), MODEL), sink);

    assertThat(sink.awaitError().kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(sink.chunks).allMatch(c -> c.getFinishReason() == FinishReason.FINISH_REASON_UNSPECIFIED);
  }

  @Test
  void failsWithAProtocolErrorOnAMalformedEventAndForwardsNothingAfterIt() throws Exception {
    String body = fixture("chat-stream").bodyText();
    int cut = body.indexOf("event: content-end");
    server.enqueue(sse(body.substring(0, cut) + "event: content-delta\ndata: {\"type\":\"content-delta\",\"index\n\n"
        + body.substring(cut)));
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(hello(), MODEL), sink);

    assertThat(sink.awaitError().kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
    assertThat(CohereTesting.text(sink.chunks)).endsWith("human language.");
    assertThat(sink.chunks).noneMatch(CompleteStreamResponse::hasUsage);
  }

  @Test
  void failsAStreamWhoseGenerationCohereEndedInError() throws Exception {
    String body = fixture("chat-stream").bodyText();
    server.enqueue(sse(body.substring(0, body.indexOf("event: message-end"))
        + "event: message-end\ndata: {\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"ERROR\"}}\n\n"));
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(hello(), MODEL), sink);

    assertThat(sink.awaitError().kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
  }

  @Test
  void classifiesAnErrorAnswerToTheStreamRequest() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("retry-after", "4")
        .addHeader("content-type", "application/json")
        .body("{\"message\":\"You are past the per minute request limit, please wait and try again later.\"}").build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(hello(), MODEL), sink);

    GatewayException e = sink.awaitError();
    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_RATE_LIMITED);
    assertThat(e.upstreamStatus()).isEqualTo(429);
    assertThat(sink.chunks).isEmpty();
  }

  @Test
  void failsWithAProtocolErrorWhenTheAnswerIsNotAnEventStream() throws Exception {
    server.enqueue(fixture("chat-response").toResponse().build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(hello(), MODEL), sink);

    assertThat(sink.awaitError().kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
  }

  @Test
  void cancellingClosesTheUpstreamConnectionAndReportsCancelledOnce() throws Exception {
    String body = fixture("chat-stream").bodyText();
    String firstEvent = body.substring(0, body.indexOf("event: content-start"));
    CountDownLatch cancelled = new CountDownLatch(1);
    ScriptedBody script = new ScriptedBody().send(firstEvent).await(cancelled)
        .sendUntilClosed("event: debug\ndata: {\"type\":\"debug\"}\n\n", 1_000_000);
    server.enqueue(new MockResponse.Builder().addHeader("content-type", SSE).body(script).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    UpstreamCall call = adapter().stream(request(hello(), MODEL), sink);
    CompleteStreamResponse first = sink.firstChunk.get(WAIT_SECONDS, TimeUnit.SECONDS);
    call.cancel();
    call.cancel();
    cancelled.countDown();

    assertThat(first.getProvider()).isEqualTo(PROVIDER);
    assertThat(sink.awaitError().kind()).isEqualTo(ErrorKind.CANCELLED);
    assertThat(script.awaitPeerClosed(TimeUnit.SECONDS.toMillis(WAIT_SECONDS))).isTrue();
    assertThat(sink.chunks).hasSize(1);
    assertThat(sink.terminals).hasValue(1);
  }

  @Test
  void cancellingAfterCompletionChangesNothing() throws Exception {
    server.enqueue(fixture("chat-stream").toResponse().build());
    RecordingStreamSink sink = new RecordingStreamSink();

    UpstreamCall call = adapter().stream(request(hello(), MODEL), sink);
    sink.awaitComplete();
    call.cancel();

    assertThat(sink.terminals).hasValue(1);
  }

  private ProviderAdapter adapter() {
    return new CohereAdapter.Factory(shared).create(config(server.url("/").toString(), Map.of()));
  }

  private static CompleteRequest hello() {
    return CompleteRequest.newBuilder().addMessages(text(Role.ROLE_USER, "Tell me about LLMs")).build();
  }

  private static MockResponse sse(String body) {
    return new MockResponse.Builder().addHeader("content-type", SSE).chunkedBody(new Buffer().writeUtf8(body), 7)
        .build();
  }
}
