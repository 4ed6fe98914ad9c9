package dev.llmgateway.server.providers.ollama;

import static dev.llmgateway.server.providers.ollama.OllamaAdapterTest.hello;
import static dev.llmgateway.server.providers.ollama.OllamaAdapterTest.request;
import static dev.llmgateway.server.providers.ollama.OllamaTesting.PROVIDER;
import static dev.llmgateway.server.providers.ollama.OllamaTesting.WAIT_SECONDS;
import static dev.llmgateway.server.providers.ollama.OllamaTesting.config;
import static dev.llmgateway.server.providers.ollama.OllamaTesting.fixture;
import static dev.llmgateway.server.providers.ollama.OllamaTesting.json;
import static dev.llmgateway.server.providers.ollama.OllamaTesting.text;
import static dev.llmgateway.server.providers.ollama.OllamaTesting.toolCalls;
import static dev.llmgateway.server.providers.ollama.OllamaTesting.translate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.testing.RecordingStreamSink;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ProviderAdapter;
import dev.llmgateway.server.providers.ProviderRequest;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.server.testing.ScriptedBody;
import dev.llmgateway.server.testing.WireFixture;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.FinishReason;
import java.time.Duration;
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

/** Runs streamed completions against a MockWebServer serving recorded Ollama NDJSON streams. */
class OllamaStreamingTest {
  private static final String NDJSON = "application/x-ndjson";

  @StartStop
  public final MockWebServer server = new MockWebServer();

  private final OkHttpClient shared = new OkHttpClient();

  @AfterEach
  void closeClient() {
    shared.dispatcher().cancelAll();
    shared.connectionPool().evictAll();
  }

  @ParameterizedTest
  @ValueSource(strings = {"chat-stream", "chat-stream-tool-call"})
  void forwardsEveryLineOfARecordedStreamSplitIntoSevenByteChunks(String stem) throws Exception {
    WireFixture recorded = fixture(stem);
    server.enqueue(recorded.toChunkedResponse(7).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(hello()), sink);

    sink.awaitComplete();
    assertThat(sink.chunks).isEqualTo(translate(recorded.bodyText(), "llama3.2"));
    assertThat(sink.chunks.get(0).getProvider()).isEqualTo(PROVIDER);
    assertThat(sink.chunks.get(0).getModel()).isEqualTo("llama3.2");
    assertThat(sink.last().getFinishReason()).isNotEqualTo(FinishReason.FINISH_REASON_UNSPECIFIED);
    assertThat(sink.last().getUsage().getTotalTokens()).isPositive();
    RecordedRequest sent = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(sent.getUrl().encodedPath()).isEqualTo("/api/chat");
    assertThat(sent.getHeaders().get("Accept")).isEqualTo(NDJSON);
    JsonNode body = json(sent.getBody().utf8());
    assertThat(body.get("stream").asBoolean()).isTrue();
    assertThat(body.get("model").asText()).isEqualTo("llama3.2");
  }

  @Test
  void forwardsEachLineAsSoonAsItArrives() throws Exception {
    String[] lines = fixture("chat-stream").bodyText().split("\n");
    CountDownLatch firstSeen = new CountDownLatch(1);
    ScriptedBody body = new ScriptedBody().send(lines[0] + "\n").await(firstSeen);
    for (int i = 1; i < lines.length; i++) {
      body.send(lines[i] + "\n");
    }
    server.enqueue(new MockResponse.Builder().addHeader("content-type", NDJSON).body(body).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(hello()), sink);

    // The server holds the rest of the body until the first line has reached the sink.
    assertThat(sink.firstChunk.get(WAIT_SECONDS, TimeUnit.SECONDS).getTextDelta()).isEqualTo("The");
    firstSeen.countDown();
    sink.awaitComplete();
    assertThat(text(sink.chunks)).isEqualTo("The sky is blue");
  }

  @Test
  void streamsAWholeToolCall() throws Exception {
    server.enqueue(fixture("chat-stream-tool-call").toChunkedResponse(7).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(hello()), sink);

    sink.awaitComplete();
    assertThat(toolCalls(sink.chunks).get(0)).containsExactly("call_k3x9q2m7", "get_weather", "{\"city\":\"Tokyo\"}");
    assertThat(sink.last().getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_TOOL_CALLS);
  }

  @Test
  void classifiesTheRecordedErrorLineAfterForwardingEarlierText() throws Exception {
    server.enqueue(fixture("chat-stream-error").toChunkedResponse(7).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(hello()), sink);

    GatewayException e = sink.awaitError();
    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(text(sink.chunks)).isEqualTo(" Yes.");
  }

  @Test
  void failsWithProviderUnavailableWhenTheBodyEndsBeforeTheDoneLine() throws Exception {
    String body = fixture("chat-stream").bodyText();
    server.enqueue(ndjson(body.substring(0, body.lastIndexOf("{\"model\""))));
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(hello()), sink);

    GatewayException e = sink.awaitError();
    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(e.getMessage()).contains("before it was complete");
    assertThat(text(sink.chunks)).isEqualTo("The sky is blue");
    assertThat(sink.chunks).noneMatch(CompleteStreamResponse::hasUsage);
  }

  @Test
  void failsWithProviderUnavailableWhenTheBodyEndsInTheMiddleOfTheDoneLine() throws Exception {
    String body = fixture("chat-stream").bodyText();
    server.enqueue(ndjson(body.substring(0, body.indexOf("\"done\":true"))));
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(hello()), sink);

    assertThat(sink.awaitError().kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(sink.chunks).noneMatch(CompleteStreamResponse::hasUsage);
  }

  @Test
  void failsWithProviderUnavailableWhenTheConnectionDropsMidStream() throws Exception {
    server.enqueue(fixture("chat-stream").toChunkedResponse(64)
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(hello()), sink);

    assertThat(sink.awaitError().kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(sink.chunks).allMatch(c -> c.getFinishReason() == FinishReason.FINISH_REASON_UNSPECIFIED);
  }

  @Test
  void failsWithAProtocolErrorOnAMalformedLineAndForwardsNothingAfterIt() throws Exception {
    String[] lines = fixture("chat-stream").bodyText().split("\n");
    server.enqueue(ndjson(lines[0] + "\n{\"model\":\"llama3.2\",\"message\":{\"role\"\n" + lines[1] + "\n" + lines[4] + "\n"));
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(hello()), sink);

    assertThat(sink.awaitError().kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
    assertThat(text(sink.chunks)).isEqualTo("The");
  }

  @Test
  void acceptsCrLfLineEndsAndALastLineWithoutANewline() throws Exception {
    String[] lines = fixture("chat-stream").bodyText().split("\n");
    server.enqueue(ndjson(String.join("\r\n", lines).strip()));
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(hello()), sink);

    sink.awaitComplete();
    assertThat(text(sink.chunks)).isEqualTo("The sky is blue");
  }

  @Test
  void classifiesAnErrorAnswerToTheStreamRequest() throws Exception {
    server.enqueue(fixture("error-404-model-not-found").toResponse().build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(request(hello()), sink);

    GatewayException e = sink.awaitError();
    assertThat(e.kind()).isEqualTo(ErrorKind.MODEL_NOT_FOUND);
    assertThat(sink.chunks).isEmpty();
  }

  @Test
  void explainsThatOllamaIsNotRunningWhenTheStreamCannotConnect() throws Exception {
    MockWebServer stopped = new MockWebServer();
    stopped.start();
    String url = stopped.url("/").toString();
    stopped.close();
    RecordingStreamSink sink = new RecordingStreamSink();

    new OllamaAdapter.Factory(shared).create(config(url, Map.of())).stream(request(hello()), sink);

    GatewayException e = sink.awaitError();
    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(e.getMessage()).contains("is Ollama running");
  }

  @Test
  void reportsATimeoutWhenTheStreamOutlastsTheDeadline() throws Exception {
    String[] lines = fixture("chat-stream").bodyText().split("\n");
    CountDownLatch release = new CountDownLatch(1);
    server.enqueue(new MockResponse.Builder().addHeader("content-type", NDJSON)
        .body(new ScriptedBody().send(lines[0] + "\n").await(release)).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(new ProviderRequest<>(hello(), "llama3.2", Duration.ofMillis(500), "req-1"), sink);

    assertThat(sink.awaitError().kind()).isEqualTo(ErrorKind.PROVIDER_TIMEOUT);
    assertThat(text(sink.chunks)).isEqualTo("The");
    release.countDown();
  }

  @Test
  void cancellingClosesTheUpstreamConnectionAndReportsCancelledOnce() throws Exception {
    String[] lines = fixture("chat-stream").bodyText().split("\n");
    CountDownLatch cancelled = new CountDownLatch(1);
    ScriptedBody script = new ScriptedBody().send(lines[0] + "\n").await(cancelled)
        .sendUntilClosed(lines[1] + "\n", 1_000_000);
    server.enqueue(new MockResponse.Builder().addHeader("content-type", NDJSON).body(script).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    UpstreamCall call = adapter().stream(request(hello()), sink);
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

    UpstreamCall call = adapter().stream(request(hello()), sink);
    sink.awaitComplete();
    call.cancel();

    assertThat(sink.terminals).hasValue(1);
  }

  private ProviderAdapter adapter() {
    return new OllamaAdapter.Factory(shared).create(config(server.url("/").toString(), Map.of()));
  }

  private static MockResponse ndjson(String body) {
    return new MockResponse.Builder().addHeader("content-type", NDJSON).chunkedBody(new Buffer().writeUtf8(body), 7)
        .build();
  }
}
