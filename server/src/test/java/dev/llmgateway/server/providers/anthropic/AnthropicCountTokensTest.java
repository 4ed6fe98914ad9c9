package dev.llmgateway.server.providers.anthropic;

import dev.llmgateway.server.testing.FutureSink;
import static dev.llmgateway.server.providers.anthropic.AnthropicRequestWriterTest.message;
import static dev.llmgateway.server.providers.anthropic.AnthropicRequestWriterTest.struct;
import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.API_KEY;
import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.WAIT_SECONDS;
import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.config;
import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.fixture;
import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.FieldViolation;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ProviderAdapter;
import dev.llmgateway.server.providers.ProviderRequest;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.server.testing.WireFixture;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.CountTokensRequest;
import dev.llmgateway.v1.CountTokensResponse;
import dev.llmgateway.v1.ImagePart;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.TokenCountMethod;
import dev.llmgateway.v1.Tool;
import dev.llmgateway.v1.ToolCall;
import java.time.Duration;
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

/** Runs exact token counting ({@code POST /messages/count_tokens}) against a MockWebServer. */
class AnthropicCountTokensTest {
  private static final OkHttpClient CLIENT = new OkHttpClient();
  private static final String MODEL = "claude-sonnet-4-5";

  @StartStop
  public final MockWebServer server = new MockWebServer();

  @Test
  void countsASystemPromptToolsAndAnImageThroughTheCountTokensEndpoint() throws Exception {
    server.enqueue(fixture("count-tokens").toResponse().build());
    FutureSink<CountTokensResponse> sink = new FutureSink<>();
    ProviderAdapter adapter = adapter(Map.of());

    adapter.countTokens(request(CountTokensRequest.newBuilder()
        .setModel("claude-sonnet")
        .addMessages(message(Role.ROLE_SYSTEM, "You are a weather assistant."))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_USER)
            .addContent(ContentPart.newBuilder().setText("Is it raining in this photo?"))
            .addContent(ContentPart.newBuilder().setImage(ImagePart.newBuilder()
                .setData(ByteString.copyFrom(new byte[] {1, 2, 3})).setMimeType("image/png"))))
        .addTools(Tool.newBuilder().setName("get_weather").setDescription("Current weather for a city")
            .setParameters(struct(json("""
                {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
                """))))
        .build()), sink);

    assertThat(adapter.countsTokens()).isTrue();
    assertThat(sink.value()).isEqualTo(CountTokensResponse.newBuilder()
        .setInputTokens(403)
        .setExact(true)
        .setMethod(TokenCountMethod.TOKEN_COUNT_METHOD_PROVIDER)
        .setProvider("claude")
        .setModel(MODEL)
        .build());
    RecordedRequest recorded = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/messages/count_tokens");
    assertThat(recorded.getUrl().query()).isNull();
    assertThat(recorded.getHeaders().get("x-api-key")).isEqualTo(API_KEY);
    assertThat(recorded.getHeaders().get("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(recorded.getHeaders().get("content-type")).startsWith("application/json");
    assertThat(recorded.getHeaders().get("authorization")).isNull();
    assertThat(json(recorded.getBody().utf8())).isEqualTo(json("""
        {
          "model": "claude-sonnet-4-5",
          "system": "You are a weather assistant.",
          "messages": [{"role": "user", "content": [
            {"type": "text", "text": "Is it raining in this photo?"},
            {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "AQID"}}
          ]}],
          "tools": [{"name": "get_weather", "description": "Current weather for a city", "input_schema":
            {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}]
        }
        """));
  }

  @Test
  void sendsTheConfiguredApiVersionWithACount() throws Exception {
    server.enqueue(fixture("count-tokens").toResponse().build());
    FutureSink<CountTokensResponse> sink = new FutureSink<>();

    adapter(Map.of("anthropic-version", "2024-01-01")).countTokens(request(userSays("Hi")), sink);

    sink.value();
    RecordedRequest recorded = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(recorded.getHeaders().get("anthropic-version")).isEqualTo("2024-01-01");
  }

  @ParameterizedTest
  @CsvSource({
      "error-400-invalid-request,INVALID_REQUEST",
      "error-400-prompt-too-long,CONTEXT_WINDOW_EXCEEDED",
      "error-401-authentication,PROVIDER_MISCONFIGURED",
      "error-404-not-found,MODEL_NOT_FOUND",
      "error-429-rate-limit,PROVIDER_RATE_LIMITED",
      "error-529-overloaded,PROVIDER_UNAVAILABLE"})
  void classifiesAFailedCountLikeAFailedCompletion(String stem, ErrorKind kind) throws Exception {
    WireFixture fixture = fixture(stem);
    server.enqueue(fixture.toResponse().build());
    FutureSink<CountTokensResponse> sink = new FutureSink<>();

    adapter(Map.of()).countTokens(request(userSays("Hi")), sink);

    GatewayException e = sink.error();
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.upstreamStatus()).isEqualTo(fixture.code());
    assertThat(e.provider()).isEqualTo("claude");
    assertThat(e.getMessage()).doesNotContain(API_KEY);
  }

  @Test
  void takesTheRetryDelayOfARateLimitedCount() throws Exception {
    server.enqueue(fixture("error-429-rate-limit").toResponse().build());
    FutureSink<CountTokensResponse> sink = new FutureSink<>();

    adapter(Map.of()).countTokens(request(userSays("Hi")), sink);

    assertThat(sink.error().retryAfter()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void failsWithAProtocolErrorWhenTheAnswerHasNoCount() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("content-type", "application/json")
        .body("{\"tokens\": 403}").build());
    FutureSink<CountTokensResponse> sink = new FutureSink<>();

    adapter(Map.of()).countTokens(request(userSays("Hi")), sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
  }

  @Test
  void rejectsInvalidToolArgumentsWithoutCallingTheProvider() throws Exception {
    FutureSink<CountTokensResponse> sink = new FutureSink<>();

    UpstreamCall call = adapter(Map.of()).countTokens(request(CountTokensRequest.newBuilder()
        .addMessages(message(Role.ROLE_USER, "Weather?"))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_ASSISTANT).addToolCalls(ToolCall.newBuilder()
            .setId("toolu_1").setName("get_weather").setArgumentsJson("{city: Paris}")))
        .build()), sink);

    assertThat(call).isSameAs(UpstreamCall.DONE);
    GatewayException e = sink.error();
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.violations()).extracting(FieldViolation::field)
        .containsExactly("messages[1].tool_calls[0].arguments_json");
    assertThat(e.provider()).isEqualTo("claude");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void timesOutWhenTheProviderDoesNotAnswerTheCountInTime() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    FutureSink<CountTokensResponse> sink = new FutureSink<>();

    adapter(Map.of()).countTokens(new ProviderRequest<>(userSays("Hi"), MODEL, Duration.ofMillis(300), "req-1"),
        sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_TIMEOUT);
  }

  @Test
  void reportsCancelledOnceWhenACountInFlightIsCancelled() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    FutureSink<CountTokensResponse> sink = new FutureSink<>();

    UpstreamCall call = adapter(Map.of()).countTokens(request(userSays("Hi")), sink);
    assertThat(server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
    call.cancel();
    call.cancel();

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.CANCELLED);
    assertThat(sink.outcomes()).isEqualTo(1);
  }

  private ProviderAdapter adapter(Map<String, String> options) {
    return new AnthropicAdapter.Factory(CLIENT).create(config(server.url("/v1").toString(), options));
  }

  private static CountTokensRequest userSays(String text) {
    return CountTokensRequest.newBuilder().setModel("claude-sonnet").addMessages(message(Role.ROLE_USER, text))
        .build();
  }

  private static ProviderRequest<CountTokensRequest> request(CountTokensRequest request) {
    return new ProviderRequest<>(request, MODEL, Duration.ofSeconds(10), "req-1");
  }
}
