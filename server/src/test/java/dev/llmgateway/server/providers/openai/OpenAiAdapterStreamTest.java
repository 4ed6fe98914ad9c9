package dev.llmgateway.server.providers.openai;

import static dev.llmgateway.server.providers.openai.OpenAiAdapterTest.chat;
import static dev.llmgateway.server.providers.openai.OpenAiAdapterTest.hello;
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
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiAdapterStreamTest {
  private static final String SSE = "text/event-stream; charset=utf-8";

  @StartStop public final MockWebServer server = new MockWebServer();

  private final OkHttpClient shared = new OkHttpClient();

  @AfterEach
  void closeClient() {
    shared.dispatcher().cancelAll();
    shared.connectionPool().evictAll();
  }

  @Test
  void streamsTextSplitAtArbitraryBytes() throws Exception {
    WireFixture fixture = WireFixture.load("openai", "chat-stream-text", "sse");
    server.enqueue(fixture.toChunkedResponse(7).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(chat(hello()), sink);

    sink.awaitCompletion();
    assertThat(sink.terminals()).isEqualTo(1);
    assertThat(sink.text()).isEqualTo("I'm unable to provide real-time weather updates. To get the current weather in "
        + "San Francisco, I recommend checking a reliable weather website or a weather app.");
    CompleteStreamResponse first = sink.chunks().get(0);
    assertThat(first.getProvider()).isEqualTo(OpenAiTesting.PROVIDER);
    assertThat(first.getModel()).isEqualTo("gpt-4o-2024-08-06");
    CompleteStreamResponse last = sink.last();
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(last.getUpstreamFinishReason()).isEqualTo("stop");
    assertThat(last.getUsage().getInputTokens()).isEqualTo(14);
    assertThat(last.getUsage().getOutputTokens()).isEqualTo(30);
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + OpenAiTesting.API_KEY);
    assertThat(request.getHeaders().get("Accept")).isEqualTo("text/event-stream");
    JsonNode body = Json.parse(request.getBody().toByteArray());
    assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(body.get("stream").asBoolean()).isTrue();
    assertThat(body.at("/stream_options/include_usage").asBoolean()).isTrue();
  }

  @Test
  void streamsParallelToolCallsSplitAtArbitraryBytes() throws Exception {
    server.enqueue(WireFixture.load("openai", "chat-stream-parallel-tool-calls", "sse").toChunkedResponse(7).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(chat(hello()), sink);

    sink.awaitCompletion();
    assertThat(sink.toolCalls()).containsOnlyKeys(0, 1);
    assertThat(sink.toolCalls().get(0)).containsExactly("call_JMW1whyEaYG438VE1OIflxA2", "GetWeatherArgs",
        "{\"city\": \"Edinburgh\", \"country\": \"GB\", \"units\": \"c\"}");
    assertThat(sink.toolCalls().get(1)).containsExactly("call_DNYTawLBoN8fj3KN6qU9N1Ou", "get_stock_price",
        "{\"ticker\": \"AAPL\", \"exchange\": \"NASDAQ\"}");
    assertThat(sink.last().getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_TOOL_CALLS);
    assertThat(sink.last().getUsage().getTotalTokens()).isEqualTo(209);
  }

  @Test
  void failsAStreamCutBeforeItsFinishReason() throws Exception {
    String sse = WireFixture.load("openai", "chat-stream-text", "sse").bodyText();
    String cut = sse.substring(0, sse.indexOf("\"finish_reason\":\"stop\"") - 200);
    server.enqueue(sseResponse(cut.substring(0, cut.lastIndexOf("\n\n") + 2)));
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(chat(hello()), sink);

    GatewayException error = sink.awaitEnd();
    assertThat(error.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(sink.chunks()).isNotEmpty().allSatisfy(c -> assertThat(c.hasUsage()).isFalse());
    assertThat(sink.text()).startsWith("I'm unable");
  }

  @Test
  void failsAStreamCutBeforeDone() throws Exception {
    String sse = WireFixture.load("openai", "chat-stream-text", "sse").bodyText();
    server.enqueue(sseResponse(sse.substring(0, sse.indexOf("data: [DONE]"))));
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(chat(hello()), sink);

    assertThat(sink.awaitEnd().kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(sink.terminals()).isEqualTo(1);
  }

  @Test
  void failsAStreamWhoseConnectionDropsMidway() throws Exception {
    server.enqueue(WireFixture.load("openai", "chat-stream-text", "sse").toChunkedResponse(64)
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(chat(hello()), sink);

    assertThat(sink.awaitEnd().kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(sink.chunks()).allSatisfy(c -> assertThat(c.getFinishReason())
        .isEqualTo(FinishReason.FINISH_REASON_UNSPECIFIED));
  }

  @Test
  void failsOnMalformedEventJsonWithoutForwardingLaterEvents() throws Exception {
    server.enqueue(sseResponse("""
        data: {"id":"c1","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"}}]}

        data: {"id":"c1","model":"m","choices":[{"index":0,"delta":{"content":

        data: {"id":"c1","model":"m","choices":[{"index":0,"delta":{"content":" there"}}]}

        data: [DONE]

        """));
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(chat(hello()), sink);

    assertThat(sink.awaitEnd().kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
    assertThat(sink.text()).isEqualTo("Hi");
    assertThat(sink.terminals()).isEqualTo(1);
  }

  @Test
  void classifiesAnErrorPayloadInTheStream() throws Exception {
    server.enqueue(sseResponse("""
        data: {"id":"c1","model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"}}]}

        data: {"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}

        data: [DONE]

        """));
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(chat(hello()), sink);

    GatewayException error = sink.awaitEnd();
    assertThat(error.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(error.getMessage()).contains("server_error");
    assertThat(sink.text()).isEqualTo("Hi");
  }

  @Test
  void classifiesAnErrorStatusOnTheStreamRequestFromItsBody() throws Exception {
    server.enqueue(WireFixture.load("openai", "error-429-rate-limit-exceeded", "json").toResponse().build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(chat(hello()), sink);

    GatewayException error = sink.awaitEnd();
    assertThat(error.kind()).isEqualTo(ErrorKind.PROVIDER_RATE_LIMITED);
    assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(error.upstreamStatus()).isEqualTo(429);
    assertThat(sink.chunks()).isEmpty();
  }

  @Test
  void classifiesContextOverflowOnTheStreamRequest() throws Exception {
    server.enqueue(WireFixture.load("openai", "error-400-context-length-exceeded", "json").toResponse().build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(chat(hello()), sink);

    assertThat(sink.awaitEnd().kind()).isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
  }

  @Test
  void rejectsAStreamAnsweredWithoutAnEventStream() throws Exception {
    server.enqueue(WireFixture.load("openai", "chat-completion", "json").toResponse().build());
    RecordingStreamSink sink = new RecordingStreamSink();

    adapter().stream(chat(hello()), sink);

    assertThat(sink.awaitEnd().kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
  }

  @Test
  void cancelClosesTheUpstreamConnectionAndEndsWithCancelled() throws Exception {
    CountDownLatch cancelled = new CountDownLatch(1);
    CountDownLatch serverSawClose = new CountDownLatch(1);
    String first = "data: {\"id\":\"c1\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n";
    server.enqueue(new MockResponse.Builder().addHeader("Content-Type", SSE).body(new MockResponseBody() {
      @Override
      public long getContentLength() {
        return -1;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        sink.writeUtf8(first).flush();
        try {
          assertThat(cancelled.await(10, TimeUnit.SECONDS)).isTrue();
          // Keep-alive comments until a write fails: the client has closed the connection.
          for (int i = 0; i < 100_000; i++) {
            sink.writeUtf8(": keep-alive\n\n").flush();
          }
        } catch (IOException e) {
          serverSawClose.countDown();
          throw e;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
    }).build());
    RecordingStreamSink sink = new RecordingStreamSink();

    UpstreamCall call = adapter().stream(chat(hello()), sink);
    assertThat(sink.awaitFirstChunk()).isTrue();
    call.cancel();
    cancelled.countDown();

    assertThat(sink.awaitEnd().kind()).isEqualTo(ErrorKind.CANCELLED);
    assertThat(serverSawClose.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(sink.terminals()).isEqualTo(1);
    assertThat(sink.chunks()).extracting(CompleteStreamResponse::getTextDelta).containsExactly("Hi");
    call.cancel();
    assertThat(sink.terminals()).isEqualTo(1);
  }

  @Test
  void cancelAfterCompletionChangesNothing() throws Exception {
    server.enqueue(WireFixture.load("openai", "chat-stream-text", "sse").toResponse().build());
    RecordingStreamSink sink = new RecordingStreamSink();

    UpstreamCall call = adapter().stream(chat(hello()), sink);
    sink.awaitCompletion();
    call.cancel();

    assertThat(sink.terminals()).isEqualTo(1);
    assertThat(sink.awaitEnd()).isNull();
  }

  private ProviderAdapter adapter() {
    return new OpenAiAdapter.Factory(shared).create(OpenAiTesting.config(server.url("/v1").toString()));
  }

  private static MockResponse sseResponse(String body) {
    return new MockResponse.Builder().addHeader("Content-Type", SSE).body(body).build();
  }
}
