package dev.llmgateway.server.providers.openai;

import static dev.llmgateway.server.providers.openai.HuggingFaceAdapterTest.MODEL;
import static dev.llmgateway.server.providers.openai.HuggingFaceAdapterTest.TOKEN;
import static dev.llmgateway.server.providers.openai.HuggingFaceAdapterTest.chat;
import static dev.llmgateway.server.providers.openai.OpenAiAdapterTest.hello;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.config.Secret;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ProviderAdapter;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.server.testing.WireFixture;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.Usage;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HuggingFaceStreamTest {
  @StartStop public final MockWebServer server = new MockWebServer();

  private final OkHttpClient shared = new OkHttpClient();

  @AfterEach
  void closeClient() {
    shared.dispatcher().cancelAll();
    shared.connectionPool().evictAll();
  }

  @Test
  void streamsTextSplitAtArbitraryBytesEndingWithFinishAndUsage() throws Exception {
    server.enqueue(sse("tgi-chat-stream").toChunkedResponse(7).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(chat(hello()), sink);

    sink.awaitCompletion();
    assertThat(sink.text()).isEqualTo("OK!");
    CompleteStreamResponse first = sink.chunks().get(0);
    assertThat(first.getProvider()).isEqualTo(OpenAiTesting.PROVIDER);
    assertThat(first.getModel()).isEqualTo(MODEL);
    assertThat(sink.chunks()).allSatisfy(c -> assertThat(c.getId()).as("TGI's ids are empty").isEqualTo("req-1"));
    CompleteStreamResponse last = sink.last();
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(last.getUpstreamFinishReason()).isEqualTo("stop");
    assertThat(last.getUsage()).isEqualTo(Usage.newBuilder().setInputTokens(39).setOutputTokens(3).setTotalTokens(42)
        .build());
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(request.getHeaders().get("Accept")).isEqualTo("text/event-stream");
    JsonNode body = Json.parse(request.getBody().toByteArray());
    assertThat(body.get("stream").asBoolean()).isTrue();
    assertThat(body.at("/stream_options/include_usage").asBoolean()).isTrue();
  }

  @Test
  void streamsAToolCallWhoseIdRepeatsOnEveryFragmentAndInfersTheFinishReason() throws Exception {
    server.enqueue(sse("tgi-chat-stream-tool-call").toChunkedResponse(7).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(chat(hello()), sink);

    sink.awaitCompletion();
    assertThat(sink.toolCalls()).containsOnlyKeys(0);
    assertThat(sink.toolCalls().get(0)).containsExactly("0", "get_current_weather",
        "{ \"location\": \"Brooklyn, NY\", \"format\": \"fahrenheit\"}");
    assertThat(sink.text()).isEmpty();
    assertThat(sink.last().getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_TOOL_CALLS);
    assertThat(sink.last().getUpstreamFinishReason()).as("TGI stated none").isEmpty();
  }

  @Test
  void classifiesTheErrorEventOfAStreamThatFailedAfterItsHeaders() throws Exception {
    server.enqueue(sse("tgi-chat-stream-error").toChunkedResponse(7).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(chat(hello()), sink);

    GatewayException error = sink.awaitEnd();
    assertThat(error.kind()).isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
    assertThat(error.upstreamStatus()).isEqualTo(422);
    assertThat(error.getMessage()).contains("must be <= 4096").doesNotContain(TOKEN);
    assertThat(sink.chunks()).isEmpty();
    assertThat(sink.terminals()).isEqualTo(1);
  }

  @Test
  void classifiesAGenerationFailureEventAsUnavailableDespiteItsStatus422() throws Exception {
    server.enqueue(sseResponse("""
        data: {"object":"chat.completion.chunk","id":"","created":1741265133,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"logprobs":null,"finish_reason":null}],"usage":null}

        data: {"error":{"message":"Request failed during generation: Server error: CUDA out of memory","http_status_code":422}}

        data: [DONE]

        """));
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(chat(hello()), sink);

    GatewayException error = sink.awaitEnd();
    assertThat(error.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(error.kind().retryable()).isTrue();
    assertThat(sink.text()).isEqualTo("Hi");
  }

  @Test
  void acceptsDataLinesWithoutASpaceAndKeepAliveComments() throws Exception {
    server.enqueue(sseResponse("""
        :

        data:{"object":"chat.completion.chunk","id":"","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"logprobs":null,"finish_reason":"eos_token"}],"usage":null}

        :

        data:[DONE]

        """));
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(chat(hello()), sink);

    sink.awaitCompletion();
    assertThat(sink.text()).isEqualTo("Hi");
    assertThat(sink.last().getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(sink.last().getUpstreamFinishReason()).isEqualTo("eos_token");
  }

  @Test
  void failsOnMalformedEventJsonWithoutForwardingLaterEvents() throws Exception {
    server.enqueue(sseResponse("""
        data: {"object":"chat.completion.chunk","id":"","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"}}]}

        data: {"object":"chat.completion.chunk","id":"","model":"m","choices":[{"index":0,"delta":{"content":

        data: {"object":"chat.completion.chunk","id":"","model":"m","choices":[{"index":0,"delta":{"content":" there"}}]}

        data: [DONE]

        """));
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(chat(hello()), sink);

    assertThat(sink.awaitEnd().kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
    assertThat(sink.text()).isEqualTo("Hi");
    assertThat(sink.terminals()).isEqualTo(1);
  }

  @Test
  void failsAStreamCutBeforeItsFinishChunk() throws Exception {
    String body = sse("tgi-chat-stream").bodyText();
    int finish = body.indexOf("\"finish_reason\":\"stop\"");
    server.enqueue(sseResponse(body.substring(0, body.lastIndexOf("\n\n", finish) + 2)));
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(chat(hello()), sink);

    assertThat(sink.awaitEnd().kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(sink.text()).isEqualTo("OK!");
    assertThat(sink.chunks()).allSatisfy(c -> assertThat(c.hasUsage()).isFalse());
  }

  @Test
  void failsAStreamWhoseConnectionDropsMidway() throws Exception {
    server.enqueue(sse("tgi-chat-stream-tool-call").toChunkedResponse(128)
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(chat(hello()), sink);

    assertThat(sink.awaitEnd().kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(sink.terminals()).isEqualTo(1);
  }

  @Test
  void cancelClosesTheUpstreamConnectionAndEndsWithCancelled() throws Exception {
    HangingEventStream upstream = new HangingEventStream();
    server.enqueue(upstream.response("data: {\"object\":\"chat.completion.chunk\",\"id\":\"\",\"model\":\"m\","
        + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"},\"finish_reason\":null}],"
        + "\"usage\":null}\n\n"));
    RecordingStreamSink sink = new RecordingStreamSink();

    UpstreamCall call = adapter().stream(chat(hello()), sink);
    assertThat(sink.awaitFirstChunk()).isTrue();
    call.cancel();
    upstream.release();

    assertThat(sink.awaitEnd().kind()).isEqualTo(ErrorKind.CANCELLED);
    assertThat(upstream.awaitClosed()).isTrue();
    assertThat(sink.terminals()).isEqualTo(1);
    assertThat(sink.text()).isEqualTo("Hi");
  }

  private ProviderAdapter adapter() {
    return new HuggingFaceAdapter.Factory(shared).create(OpenAiTesting.huggingFace(server.url("/").toString(),
        Optional.of(new Secret(TOKEN)), Map.of()));
  }

  private static WireFixture sse(String stem) {
    return WireFixture.load("huggingface", stem, "sse");
  }

  private static MockResponse sseResponse(String body) {
    return new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(body).build();
  }
}
