package dev.llmgateway.server.providers.openai;

import dev.llmgateway.server.testing.FutureSink;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.DiscoveredModel;
import dev.llmgateway.server.providers.ProviderAdapter;
import dev.llmgateway.server.providers.ProviderRequest;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.server.testing.WireFixture;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.EmbedResponse;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.ImagePart;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;
import java.time.Duration;
import java.util.List;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiAdapterTest {
  @StartStop public final MockWebServer server = new MockWebServer();

  private final OkHttpClient shared = new OkHttpClient();

  @AfterEach
  void closeClient() {
    shared.dispatcher().cancelAll();
    shared.connectionPool().evictAll();
  }

  @Test
  void completesATextAnswerFromTheRecordedResponse() throws Exception {
    server.enqueue(fixture("chat-completion", "json").build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(chat(hello()), sink);

    CompleteResponse response = sink.value();
    assertThat(response.getMessage().getContent(0).getText()).isEqualTo("Hello! How can I assist you today?");
    assertThat(response.getProvider()).isEqualTo(OpenAiTesting.PROVIDER);
    assertThat(response.getModel()).isEqualTo("gpt-5.4");
    assertThat(response.getUsage().getTotalTokens()).isEqualTo(29);
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + OpenAiTesting.API_KEY);
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    JsonNode body = Json.parse(request.getBody().toByteArray());
    assertThat(body.get("model").asText()).isEqualTo("gpt-4o-mini");
    assertThat(body.get("messages")).isEqualTo(Json.parse("[{\"role\": \"user\", \"content\": \"Hello\"}]"));
    assertThat(body.has("stream")).isFalse();
  }

  @Test
  void completesWithToolCalls() throws Exception {
    server.enqueue(fixture("chat-completion-tool-calls", "json").build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(chat(hello()), sink);

    CompleteResponse response = sink.value();
    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_TOOL_CALLS);
    assertThat(response.getMessage().getToolCalls(0).getName()).isEqualTo("get_current_weather");
    assertThat(response.getMessage().getToolCalls(0).getArgumentsJson()).isEqualTo("{\n\"location\": \"Boston, MA\"\n}");
  }

  @Test
  void sendsConfiguredHeadersAndNoAuthorizationWithoutAKey() throws Exception {
    server.enqueue(fixture("chat-completion", "json").build());
    ProviderAdapter keyless = new OpenAiAdapter.Factory(shared).create(OpenAiTesting.config(
        server.url("/v1/").toString(), Optional.empty(), Map.of("X-Tenant", "blue"),
        Map.of("max-tokens-field", "max_completion_tokens")));
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    keyless.complete(chat(CompleteRequest.newBuilder(hello()).setMaxOutputTokens(64).build()), sink);

    sink.value();
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
    assertThat(request.getHeaders().get("Authorization")).isNull();
    assertThat(request.getHeaders().get("X-Tenant")).isEqualTo("blue");
    assertThat(Json.parse(request.getBody().toByteArray()).get("max_completion_tokens").asInt()).isEqualTo(64);
  }

  @ParameterizedTest
  @CsvSource({
      "error-400-context-length-exceeded, CONTEXT_WINDOW_EXCEEDED, 400",
      "error-400-invalid-request, INVALID_REQUEST, 400",
      "error-401-invalid-api-key, PROVIDER_MISCONFIGURED, 401",
      "error-404-model-not-found, MODEL_NOT_FOUND, 404",
      "error-429-insufficient-quota, PROVIDER_MISCONFIGURED, 429",
      "error-429-rate-limit-exceeded, PROVIDER_RATE_LIMITED, 429",
      "error-500-server-error, PROVIDER_UNAVAILABLE, 500",
      "error-503-overloaded, PROVIDER_UNAVAILABLE, 503"})
  void classifiesEachRecordedErrorResponse(String stem, ErrorKind kind, int status) throws Exception {
    server.enqueue(fixture(stem, "json").build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(chat(hello()), sink);

    GatewayException error = sink.error();
    assertThat(error.kind()).isEqualTo(kind);
    assertThat(error.upstreamStatus()).isEqualTo(status);
    assertThat(error.provider()).isEqualTo(OpenAiTesting.PROVIDER);
    assertThat(error.getMessage()).doesNotContain(OpenAiTesting.API_KEY);
  }

  @Test
  void mapsAMalformedSuccessBodyToProtocolError() throws Exception {
    server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
        .body("{\"id\": \"chatcmpl-1\", \"choices\": [").build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(chat(hello()), sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
  }

  @Test
  void mapsAnUnexpectedSuccessBodyToProtocolError() throws Exception {
    server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
        .body("{\"object\": \"list\", \"data\": []}").build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(chat(hello()), sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
  }

  @Test
  void failsWithProviderTimeoutWhenTheCallOutlivesItsTimeout() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(new ProviderRequest<>(hello(), "gpt-4o-mini", Duration.ofMillis(300), "req-1"), sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_TIMEOUT);
  }

  @Test
  void cancelEndsAWholeAnswerCallWithCancelled() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    UpstreamCall call = adapter().complete(chat(hello()), sink);
    server.takeRequest(5, TimeUnit.SECONDS);
    call.cancel();

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.CANCELLED);
  }

  @Test
  void rejectsInputTheWireFormatCannotCarryWithoutCallingTheProvider() throws Exception {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(Message.newBuilder().setRole(Role.ROLE_USER).addContent(ContentPart.newBuilder()
            .setImage(ImagePart.newBuilder().setData(ByteString.copyFromUtf8("png")))))
        .build();
    FutureSink<CompleteResponse> sink = new FutureSink<>();
    RecordingStreamSink stream = new RecordingStreamSink();

    adapter().complete(chat(request), sink);
    adapter().stream(chat(request), stream);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(stream.awaitEnd().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void embedsFromTheRecordedResponse() throws Exception {
    server.enqueue(fixture("embeddings", "json").build());
    FutureSink<EmbedResponse> sink = new FutureSink<>();
    EmbedRequest request = EmbedRequest.newBuilder().setModel("caller-embed").addInputs("The food was delicious")
        .setDimensions(3).setUser("u-1").build();

    adapter().embed(new ProviderRequest<>(request, "text-embedding-ada-002", Duration.ofSeconds(5), "req-2"), sink);

    EmbedResponse response = sink.value();
    assertThat(response.getEmbeddings(0).getValuesList()).containsExactly(0.0023064255f, -0.009327292f, -0.0028842222f);
    assertThat(response.getUsage().getInputTokens()).isEqualTo(8);
    assertThat(response.getUsage().getTotalTokens()).isEqualTo(8);
    RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/embeddings");
    assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + OpenAiTesting.API_KEY);
    assertThat(Json.parse(recorded.getBody().toByteArray())).isEqualTo(Json.parse("""
        {"model": "text-embedding-ada-002", "input": ["The food was delicious"], "dimensions": 3,
         "encoding_format": "float", "user": "u-1"}
        """));
  }

  @Test
  void classifiesAnEmbeddingsError() throws Exception {
    server.enqueue(fixture("error-429-rate-limit-exceeded", "json").build());
    FutureSink<EmbedResponse> sink = new FutureSink<>();

    adapter().embed(new ProviderRequest<>(EmbedRequest.newBuilder().addInputs("x").build(), "e", null, "r"), sink);

    GatewayException error = sink.error();
    assertThat(error.kind()).isEqualTo(ErrorKind.PROVIDER_RATE_LIMITED);
    assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void listsModelsFromTheRecordedResponse() throws Exception {
    server.enqueue(fixture("models-list", "json").build());
    FutureSink<List<DiscoveredModel>> sink = new FutureSink<>();

    adapter().listModels(Duration.ofSeconds(5), sink);

    assertThat(sink.value()).extracting(DiscoveredModel::id).containsExactly("model-id-0", "model-id-1", "model-id-2");
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/models");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + OpenAiTesting.API_KEY);
  }

  @Test
  void classifiesAModelListingError() throws Exception {
    server.enqueue(fixture("error-401-invalid-api-key", "json").build());
    FutureSink<List<DiscoveredModel>> sink = new FutureSink<>();

    adapter().listModels(null, sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_MISCONFIGURED);
  }

  private MockResponse.Builder fixture(String stem, String extension) {
    return WireFixture.load("openai", stem, extension).toResponse();
  }

  private ProviderAdapter adapter() {
    return new OpenAiAdapter.Factory(shared).create(OpenAiTesting.config(server.url("/v1").toString()));
  }

  static ProviderRequest<CompleteRequest> chat(CompleteRequest request) {
    return new ProviderRequest<>(request, "gpt-4o-mini", Duration.ofSeconds(5), "req-1");
  }

  static CompleteRequest hello() {
    return CompleteRequest.newBuilder().setModel("caller-model")
        .addMessages(Message.newBuilder().setRole(Role.ROLE_USER).addContent(ContentPart.newBuilder().setText("Hello")))
        .build();
  }
}
