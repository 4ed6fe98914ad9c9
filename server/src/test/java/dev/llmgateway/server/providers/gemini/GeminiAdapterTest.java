package dev.llmgateway.server.providers.gemini;

import dev.llmgateway.server.testing.FutureSink;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.API_KEY;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.MODEL;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.WAIT_SECONDS;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.config;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.fixture;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.json;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.message;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.request;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.userSays;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.FieldViolation;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ProviderAdapter;
import dev.llmgateway.server.providers.ProviderRequest;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.server.testing.WireFixture;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.CountTokensRequest;
import dev.llmgateway.v1.CountTokensResponse;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.ToolCall;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
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
import org.junit.jupiter.params.provider.ValueSource;

/** Runs the adapter's whole-answer calls against a MockWebServer serving recorded Gemini answers. */
class GeminiAdapterTest {
  private static final OkHttpClient CLIENT = new OkHttpClient();

  @StartStop
  public final MockWebServer server = new MockWebServer();

  @Test
  void sendsAnAuthenticatedGenerateContentRequestAndMapsTheTextAnswer() throws Exception {
    server.enqueue(fixture("generate-content-response").toResponse().build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(request(userSays("How many r's are in strawberry?")), sink);

    CompleteResponse response = sink.value();
    assertThat(response.getMessage().getContent(0).getText()).startsWith("There are **3** r's in strawberry.");
    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(response.getUsage().getTotalTokens()).isEqualTo(281);
    assertThat(response.getModel()).isEqualTo("gemini-3-pro-preview");
    assertThat(response.getProvider()).isEqualTo("google");
    RecordedRequest recorded = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
    assertThat(recorded.getUrl().query()).isNull();
    assertThat(recorded.getHeaders().get("x-goog-api-key")).isEqualTo(API_KEY);
    assertThat(recorded.getHeaders().get("authorization")).isNull();
    assertThat(recorded.getHeaders().get("content-type")).startsWith("application/json");
    assertThat(json(recorded.getBody().utf8())).isEqualTo(json(
        "{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": \"How many r's are in strawberry?\"}]}]}"));
  }

  @Test
  void sendsNoKeyHeaderWhenNoKeyIsConfigured() throws Exception {
    server.enqueue(fixture("generate-content-response").toResponse().build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();
    ProviderConfig keyless = new ProviderConfig("google", "gemini", server.url("/v1beta").toString(), "",
        Optional.empty(), true, Map.of("x-proxy-token", "p"), Duration.ofSeconds(5), Duration.ofSeconds(5),
        Duration.ofSeconds(30), false, Map.of());

    new GeminiAdapter.Factory(CLIENT).create(keyless).complete(request(userSays("Hi")), sink);

    sink.value();
    RecordedRequest recorded = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(recorded.getHeaders().get("x-goog-api-key")).isNull();
    assertThat(recorded.getHeaders().get("x-proxy-token")).isEqualTo("p");
  }

  @ParameterizedTest
  @ValueSource(strings = {"generate-content-function-call-response", "generate-content-function-call-response-current"})
  void mapsARecordedFunctionCallAnswer(String stem) throws Exception {
    server.enqueue(fixture(stem).toResponse().build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(request(userSays("Which theaters?")), sink);

    CompleteResponse response = sink.value();
    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_TOOL_CALLS);
    assertThat(response.getMessage().getToolCallsList()).hasSize(1);
    assertThat(response.getMessage().getToolCalls(0).getId()).startsWith("call_0");
  }

  @Test
  void sendsTheThoughtSignatureOfAnEarlierCallBackWithItsResult() throws Exception {
    server.enqueue(fixture("generate-content-function-call-response-current").toResponse().build());
    server.enqueue(fixture("generate-content-response").toResponse().build());
    ProviderAdapter adapter = adapter();
    FutureSink<CompleteResponse> first = new FutureSink<>();
    adapter.complete(request(userSays("Weather in SF?")), first);
    ToolCall call = first.value().getMessage().getToolCalls(0);
    CompleteRequest followUp = userSays("Weather in SF?").toBuilder()
        .addMessages(Message.newBuilder().setRole(Role.ROLE_ASSISTANT).addToolCalls(call))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_TOOL).setToolCallId(call.getId())
            .addContent(GeminiRequestWriterTest.text("{\"forecast\": \"fog\"}")))
        .build();
    FutureSink<CompleteResponse> second = new FutureSink<>();

    adapter.complete(request(followUp), second);

    second.value();
    server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    RecordedRequest recorded = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    String signature = json(fixture("generate-content-function-call-response-current").bodyText())
        .at("/candidates/0/content/parts/0/thoughtSignature").asText();
    assertThat(json(recorded.getBody().utf8()).at("/contents/1/parts/0")).isEqualTo(json(
        "{\"functionCall\": {\"name\": \"weather\", \"args\": {\"location\": \"San Francisco\"}},"
            + " \"thoughtSignature\": \"" + signature + "\"}"));
    assertThat(json(recorded.getBody().utf8()).at("/contents/2/parts/0")).isEqualTo(json(
        "{\"functionResponse\": {\"name\": \"weather\", \"response\": {\"forecast\": \"fog\"}}}"));
  }

  @ParameterizedTest
  @CsvSource({
      "error-400-invalid-argument,INVALID_REQUEST",
      "error-400-api-key-invalid,PROVIDER_MISCONFIGURED",
      "error-429-resource-exhausted,PROVIDER_RATE_LIMITED",
      "error-503-unavailable,PROVIDER_UNAVAILABLE"})
  void classifiesEachRecordedErrorAnswer(String stem, ErrorKind kind) throws Exception {
    WireFixture fixture = fixture(stem);
    server.enqueue(fixture.toResponse().build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(request(userSays("Hi")), sink);

    GatewayException e = sink.error();
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.upstreamStatus()).isEqualTo(fixture.code());
    assertThat(e.provider()).isEqualTo("google");
    assertThat(e.getMessage()).doesNotContain(API_KEY);
    if (kind == ErrorKind.PROVIDER_RATE_LIMITED) {
      assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }
  }

  @Test
  void failsWithContentFilteredWhenThePromptIsBlocked() throws Exception {
    server.enqueue(json200("{\"promptFeedback\": {\"blockReason\": \"SAFETY\"}, \"modelVersion\": \"gemini-2.5-flash\"}"));
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(request(userSays("Something awful")), sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.CONTENT_FILTERED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"candidates\": [", "<html>ok</html>", "{\"candidates\": []}"})
  void failsWithAProtocolErrorOnAMalformedSuccessfulAnswer(String body) throws Exception {
    server.enqueue(json200(body));
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(request(userSays("Hi")), sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
  }

  @Test
  void rejectsInvalidToolArgumentsWithoutCallingTheProvider() throws Exception {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(message(Role.ROLE_USER, "Weather?"))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_ASSISTANT).addToolCalls(ToolCall.newBuilder()
            .setId("call_0").setName("weather").setArgumentsJson("{city: Paris}")))
        .build();
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    UpstreamCall call = adapter().complete(request(request), sink);

    GatewayException e = sink.error();
    assertThat(call).isSameAs(UpstreamCall.DONE);
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.violations()).extracting(FieldViolation::field)
        .containsExactly("messages[1].tool_calls[0].arguments_json");
    assertThat(e.provider()).isEqualTo("google");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void refusesAModelNameThatIsNotAGeminiModelWithoutCallingTheProvider() throws Exception {
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(new ProviderRequest<>(userSays("Hi"), "../files", null, "req-1"), sink);

    assertThat(sink.error().violations()).extracting(FieldViolation::field).containsExactly("model");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void timesOutWhenTheProviderDoesNotAnswerWithinTheRequestTimeout() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(new ProviderRequest<>(userSays("Hi"), MODEL, Duration.ofMillis(300), "req-1"), sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_TIMEOUT);
  }

  @Test
  void reportsCancelledOnceWhenACallInFlightIsCancelled() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    UpstreamCall call = adapter().complete(request(userSays("Hi")), sink);
    server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    call.cancel();
    call.cancel();

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.CANCELLED);
    assertThat(sink.outcomes()).isEqualTo(1);
  }

  @Test
  void countsTokensThroughTheProvidersOwnEndpoint() throws Exception {
    server.enqueue(fixture("count-tokens").toResponse().build());
    FutureSink<CountTokensResponse> sink = new FutureSink<>();
    ProviderAdapter adapter = adapter();

    adapter.countTokens(request(CountTokensRequest.newBuilder().setModel("flash")
        .addMessages(message(Role.ROLE_USER, "The quick brown fox jumps over the lazy dog.")).build()), sink);

    assertThat(adapter.countsTokens()).isTrue();
    CountTokensResponse count = sink.value();
    assertThat(count.getInputTokens()).isEqualTo(9);
    assertThat(count.getExact()).isTrue();
    assertThat(count.getModel()).isEqualTo(MODEL);
    RecordedRequest recorded = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1beta/models/gemini-2.5-flash:countTokens");
    assertThat(recorded.getHeaders().get("x-goog-api-key")).isEqualTo(API_KEY);
    assertThat(json(recorded.getBody().utf8())).isEqualTo(json("""
        {"generateContentRequest": {"model": "models/gemini-2.5-flash",
          "contents": [{"role": "user", "parts": [{"text": "The quick brown fox jumps over the lazy dog."}]}]}}
        """));
  }

  @Test
  void classifiesAFailedTokenCount() throws Exception {
    server.enqueue(fixture("error-400-api-key-invalid").toResponse().build());
    FutureSink<CountTokensResponse> sink = new FutureSink<>();

    adapter().countTokens(request(CountTokensRequest.newBuilder().setModel("flash")
        .addMessages(message(Role.ROLE_USER, "Hi")).build()), sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_MISCONFIGURED);
  }

  private ProviderAdapter adapter() {
    return adapter(Map.of());
  }

  private ProviderAdapter adapter(Map<String, String> options) {
    return new GeminiAdapter.Factory(CLIENT).create(config(server.url("/v1beta").toString(), options));
  }

  static MockResponse json200(String body) {
    return new MockResponse.Builder().code(200).addHeader("content-type", "application/json; charset=UTF-8")
        .body(body).build();
  }
}
