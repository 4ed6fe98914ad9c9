package dev.llmgateway.server.providers.openai;

import static dev.llmgateway.server.providers.openai.AzureOpenAiAdapterTest.chat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ProviderAdapter;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.server.testing.WireFixture;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.FinishReason;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AzureOpenAiStreamTest {
  @StartStop public final MockWebServer server = new MockWebServer();

  private final OkHttpClient shared = new OkHttpClient();

  @AfterEach
  void closeClient() {
    shared.dispatcher().cancelAll();
    shared.connectionPool().evictAll();
  }

  @Test
  void streamsAnswerThatPassesTheFilterIgnoringEveryAnnotationEvent() throws Exception {
    server.enqueue(sse("chat-stream-content-filter-passed").toChunkedResponse(7).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter(Map.of()).stream(chat("gpt-35-turbo"), sink);

    sink.awaitCompletion();
    assertThat(sink.terminals()).isEqualTo(1);
    assertThat(sink.text()).isEqualTo("Color is a");
    CompleteStreamResponse first = sink.chunks().get(0);
    assertThat(first.getProvider()).isEqualTo(OpenAiTesting.PROVIDER);
    assertThat(first.getModel()).as("not the empty model of the prompt annotation event").isEqualTo("gpt-35-turbo");
    assertThat(sink.chunks()).allSatisfy(c -> assertThat(c.getId()).isEqualTo("chatcmpl-7rCNsVeZy0PGnX3H6jK8STps5nZUY"));
    assertThat(sink.last().getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(sink.last().getUpstreamFinishReason()).isEqualTo("stop");
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/openai/deployments/gpt-35-turbo/chat/completions");
    assertThat(request.getUrl().queryParameter("api-version")).isEqualTo("2024-10-21");
    assertThat(request.getHeaders().get("api-key")).isEqualTo(OpenAiTesting.API_KEY);
    assertThat(request.getHeaders().get("Accept")).isEqualTo("text/event-stream");
    JsonNode body = Json.parse(request.getBody().toByteArray());
    assertThat(body.has("model")).isFalse();
    assertThat(body.get("stream").asBoolean()).isTrue();
    assertThat(body.at("/stream_options/include_usage").asBoolean()).isTrue();
  }

  @Test
  void endsAStreamCutOffByTheFilterWithContentFilterFinish() throws Exception {
    server.enqueue(sse("chat-stream-content-filter-blocked").toChunkedResponse(7).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter(Map.of()).stream(chat("gpt-35-turbo"), sink);

    sink.awaitCompletion();
    assertThat(sink.text()).isEqualTo("Hey Jude, better");
    assertThat(sink.last().getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_CONTENT_FILTER);
    assertThat(sink.last().getUpstreamFinishReason()).isEqualTo("content_filter");
    assertThat(sink.chunks().subList(0, sink.chunks().size() - 1))
        .allSatisfy(c -> assertThat(c.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_UNSPECIFIED));
  }

  @Test
  void classifiesAPromptRejectedBeforeTheStreamStarted() throws Exception {
    server.enqueue(WireFixture.load("azure-openai", "error-400-content-filter", "json").toResponse().build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter(Map.of()).stream(chat("gpt-35-turbo"), sink);

    GatewayException error = sink.awaitEnd();
    assertThat(error.kind()).isEqualTo(ErrorKind.CONTENT_FILTERED);
    assertThat(error.getMessage()).contains("custom_blocklists");
    assertThat(sink.chunks()).isEmpty();
  }

  @Test
  void failsAStreamCutBeforeDone() throws Exception {
    String body = sse("chat-stream-content-filter-blocked").bodyText();
    server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/event-stream")
        .body(body.substring(0, body.indexOf("data: [DONE]"))).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter(Map.of()).stream(chat("gpt-35-turbo"), sink);

    assertThat(sink.awaitEnd().kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(sink.text()).isEqualTo("Hey Jude, better");
    assertThat(sink.chunks()).noneMatch(c -> c.getFinishReason() != FinishReason.FINISH_REASON_UNSPECIFIED);
  }

  @Test
  void failsAStreamWhoseConnectionDropsMidway() throws Exception {
    server.enqueue(sse("chat-stream-content-filter-passed").toChunkedResponse(64)
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter(Map.of()).stream(chat("gpt-35-turbo"), sink);

    assertThat(sink.awaitEnd().kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(sink.terminals()).isEqualTo(1);
  }

  @Test
  void cancelClosesTheUpstreamConnectionAndEndsWithCancelled() throws Exception {
    HangingEventStream upstream = new HangingEventStream();
    server.enqueue(upstream.response("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4o\","
        + "\"choices\":[{\"index\":0,\"finish_reason\":null,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"}}],"
        + "\"usage\":null}\n\n"));
    RecordingStreamSink sink = new RecordingStreamSink();

    UpstreamCall call = adapter(Map.of("auth", "entra")).stream(chat("gpt-4o"), sink);
    assertThat(sink.awaitFirstChunk()).isTrue();
    call.cancel();
    upstream.release();

    assertThat(sink.awaitEnd().kind()).isEqualTo(ErrorKind.CANCELLED);
    assertThat(upstream.awaitClosed()).isTrue();
    assertThat(sink.terminals()).isEqualTo(1);
    assertThat(sink.text()).isEqualTo("Hi");
  }

  private ProviderAdapter adapter(Map<String, String> options) {
    return new AzureOpenAiAdapter.Factory(shared).create(OpenAiTesting.azure(server.url("/").toString(), options));
  }

  private static WireFixture sse(String stem) {
    return WireFixture.load("azure-openai", stem, "sse");
  }
}
