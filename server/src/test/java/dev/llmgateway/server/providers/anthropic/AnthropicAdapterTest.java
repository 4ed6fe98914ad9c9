package dev.llmgateway.server.providers.anthropic;

import dev.llmgateway.server.testing.FutureSink;
import static dev.llmgateway.server.providers.anthropic.AnthropicRequestWriterTest.message;
import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.API_KEY;
import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.WAIT_SECONDS;
import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.config;
import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.fixture;
import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.FieldViolation;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.DiscoveredModel;
import dev.llmgateway.server.providers.ProviderAdapter;
import dev.llmgateway.server.providers.ProviderRequest;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.server.testing.WireFixture;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.EmbedResponse;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.ToolCall;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs the adapter's non-streaming calls against a MockWebServer serving recorded Anthropic answers. */
class AnthropicAdapterTest {
  private static final OkHttpClient CLIENT = new OkHttpClient();

  @StartStop
  public final MockWebServer server = new MockWebServer();

  @Test
  void sendsAnAuthenticatedMessagesRequestAndMapsTheTextAnswer() throws Exception {
    server.enqueue(fixture("message-text").toResponse().build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter(Map.of()).complete(request(userSays("Extract the product")), sink);

    CompleteResponse response = sink.value();
    assertThat(response.getMessage().getContent(0).getText()).startsWith("{\"product_name\"");
    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(response.getUsage().getTotalTokens()).isEqualTo(275);
    assertThat(response.getProvider()).isEqualTo("claude");
    RecordedRequest recorded = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/messages");
    assertThat(recorded.getHeaders().get("x-api-key")).isEqualTo(API_KEY);
    assertThat(recorded.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(recorded.getHeaders().get("content-type")).startsWith("application/json");
    assertThat(recorded.getHeaders().get("authorization")).isNull();
    assertThat(json(recorded.getBody().utf8())).isEqualTo(json("""
        {"model": "claude-sonnet-4-5", "max_tokens": 4096,
         "messages": [{"role": "user", "content": [{"type": "text", "text": "Extract the product"}]}]}
        """));
  }

  @Test
  void mapsAToolUseAnswer() throws Exception {
    server.enqueue(fixture("message-tool-use").toResponse().build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter(Map.of()).complete(request(userSays("Weather?")), sink);

    CompleteResponse response = sink.value();
    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_TOOL_CALLS);
    assertThat(response.getMessage().getToolCallsList()).extracting(ToolCall::getName).containsExactly("get_weather");
    assertThat(json(response.getMessage().getToolCalls(0).getArgumentsJson()))
        .isEqualTo(json("{\"location\": \"San Francisco, CA\", \"units\": \"f\"}"));
  }

  @Test
  void sendsTheConfiguredApiVersionAndDefaultMaxTokens() throws Exception {
    server.enqueue(fixture("message-text").toResponse().build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter(Map.of("anthropic-version", "2024-01-01", "default-max-tokens", "1000"))
        .complete(request(userSays("Hi")), sink);

    sink.value();
    RecordedRequest recorded = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(recorded.getHeaders().get("anthropic-version")).isEqualTo("2024-01-01");
    assertThat(json(recorded.getBody().utf8()).get("max_tokens").asInt()).isEqualTo(1000);
  }

  @ParameterizedTest
  @CsvSource({
      "error-400-invalid-request,INVALID_REQUEST",
      "error-400-prompt-too-long,CONTEXT_WINDOW_EXCEEDED",
      "error-401-authentication,PROVIDER_MISCONFIGURED",
      "error-403-permission,PROVIDER_MISCONFIGURED",
      "error-404-not-found,MODEL_NOT_FOUND",
      "error-413-request-too-large,INVALID_REQUEST",
      "error-429-rate-limit,PROVIDER_RATE_LIMITED",
      "error-500-api-error,PROVIDER_UNAVAILABLE",
      "error-529-overloaded,PROVIDER_UNAVAILABLE"})
  void classifiesEachRecordedErrorAnswer(String stem, ErrorKind kind) throws Exception {
    WireFixture fixture = fixture(stem);
    server.enqueue(fixture.toResponse().build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter(Map.of()).complete(request(userSays("Hi")), sink);

    GatewayException e = sink.error();
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.upstreamStatus()).isEqualTo(fixture.code());
    assertThat(e.provider()).isEqualTo("claude");
    assertThat(e.getMessage()).doesNotContain(API_KEY);
  }

  @Test
  void takesTheRetryDelayOfARateLimitFromTheRecordedHeaders() throws Exception {
    server.enqueue(fixture("error-429-rate-limit").toResponse().build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter(Map.of()).complete(request(userSays("Hi")), sink);

    assertThat(sink.error().retryAfter()).isEqualTo(Duration.ofSeconds(7));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"id\": \"msg_1\", \"content\": [",
      "<html>ok</html>",
      "{\"id\": \"msg_1\", \"type\": \"message\"}"})
  void failsWithAProtocolErrorOnAMalformedSuccessfulAnswer(String body) throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("content-type", "application/json")
        .body(body).build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter(Map.of()).complete(request(userSays("Hi")), sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
  }

  @Test
  void rejectsInvalidToolArgumentsWithoutCallingTheProvider() throws Exception {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(message(Role.ROLE_USER, "Weather?"))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_ASSISTANT).addToolCalls(ToolCall.newBuilder()
            .setId("toolu_1").setName("weather").setArgumentsJson("{city: Paris}")))
        .build();
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter(Map.of()).complete(request(request), sink);

    GatewayException e = sink.error();
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.violations()).extracting(FieldViolation::field)
        .containsExactly("messages[1].tool_calls[0].arguments_json");
    assertThat(e.provider()).isEqualTo("claude");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void timesOutWhenTheProviderDoesNotAnswerWithinTheRequestTimeout() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter(Map.of()).complete(new ProviderRequest<>(userSays("Hi"), "claude-sonnet-4-5",
        Duration.ofMillis(300), "req-1"), sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_TIMEOUT);
  }

  @Test
  void reportsCancelledWhenACallInFlightIsCancelled() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    UpstreamCall call = adapter(Map.of()).complete(request(userSays("Hi")), sink);
    server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    call.cancel();
    call.cancel();

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.CANCELLED);
  }

  @Test
  void listsModelsAcrossPages() throws Exception {
    server.enqueue(modelsPage("""
        {"data": [{"id": "claude-opus-4-1", "type": "model"}, {"id": "claude-sonnet-4-5", "type": "model"}],
         "has_more": true, "first_id": "claude-opus-4-1", "last_id": "claude-sonnet-4-5"}
        """));
    server.enqueue(modelsPage("""
        {"data": [{"id": "claude-haiku-4-5", "type": "model"}],
         "has_more": false, "first_id": "claude-haiku-4-5", "last_id": "claude-haiku-4-5"}
        """));
    FutureSink<List<DiscoveredModel>> sink = new FutureSink<>();

    adapter(Map.of()).listModels(Duration.ofSeconds(5), sink);

    assertThat(sink.value()).extracting(DiscoveredModel::id).containsExactly("claude-opus-4-1", "claude-sonnet-4-5", "claude-haiku-4-5");
    RecordedRequest first = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(first.getMethod()).isEqualTo("GET");
    assertThat(first.getUrl().encodedPath()).isEqualTo("/v1/models");
    assertThat(first.getUrl().queryParameter("limit")).isEqualTo("1000");
    assertThat(first.getUrl().queryParameter("after_id")).isNull();
    assertThat(first.getHeaders().get("x-api-key")).isEqualTo(API_KEY);
    assertThat(first.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
    RecordedRequest second = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(second.getUrl().queryParameter("after_id")).isEqualTo("claude-sonnet-4-5");
  }

  @Test
  void classifiesAFailedModelListing() throws Exception {
    server.enqueue(fixture("error-401-authentication").toResponse().build());
    FutureSink<List<DiscoveredModel>> sink = new FutureSink<>();

    adapter(Map.of()).listModels(null, sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_MISCONFIGURED);
  }

  @Test
  void refusesEmbeddingsAtOnceNamingTheModelField() throws Exception {
    FutureSink<EmbedResponse> sink = new FutureSink<>();

    UpstreamCall call = adapter(Map.of()).embed(new ProviderRequest<>(
        EmbedRequest.newBuilder().setModel("claude-sonnet").addInputs("hello").build(), "claude-sonnet-4-5",
        null, "req-1"), sink);

    assertThat(call).isSameAs(UpstreamCall.DONE);
    GatewayException e = sink.error();
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("model");
    assertThat(e.getMessage()).contains("offers no embeddings");
    assertThat(server.getRequestCount()).isZero();
  }

  private ProviderAdapter adapter(Map<String, String> options) {
    return new AnthropicAdapter.Factory(CLIENT).create(config(server.url("/v1").toString(), options));
  }

  private static MockResponse modelsPage(String body) {
    return new MockResponse.Builder().code(200).addHeader("content-type", "application/json").body(body).build();
  }

  static CompleteRequest userSays(String text) {
    return CompleteRequest.newBuilder().setModel("claude-sonnet")
        .addMessages(Message.newBuilder().setRole(Role.ROLE_USER).addContent(ContentPart.newBuilder().setText(text)))
        .build();
  }

  static ProviderRequest<CompleteRequest> request(CompleteRequest request) {
    return new ProviderRequest<>(request, "claude-sonnet-4-5", Duration.ofSeconds(10), "req-1");
  }

  static JsonNode bodyOf(RecordedRequest recorded) {
    return json(recorded.getBody().utf8());
  }
}
