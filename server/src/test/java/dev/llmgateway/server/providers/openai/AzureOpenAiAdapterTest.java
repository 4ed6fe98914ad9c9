package dev.llmgateway.server.providers.openai;

import dev.llmgateway.server.testing.FutureSink;
import static dev.llmgateway.server.providers.openai.OpenAiAdapterTest.hello;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.FieldViolation;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.DiscoveredModel;
import dev.llmgateway.server.providers.ProviderAdapter;
import dev.llmgateway.server.providers.ProviderRequest;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.server.testing.WireFixture;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.EmbedResponse;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AzureOpenAiAdapterTest {
  @StartStop public final MockWebServer server = new MockWebServer();

  private final OkHttpClient shared = new OkHttpClient();

  @AfterEach
  void closeClient() {
    shared.dispatcher().cancelAll();
    shared.connectionPool().evictAll();
  }

  @Test
  void completesThroughTheDeploymentUrlWithTheApiKeyHeader() throws Exception {
    server.enqueue(fixture("chat-completion-annotations").build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter(Map.of()).complete(chat("gpt-4o-prod"), sink);

    CompleteResponse response = sink.value();
    assertThat(response.getMessage().getContent(0).getText()).isEqualTo("Example model response will be returned ");
    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(response.getModel()).isEqualTo("gpt-35-turbo-instruct");
    assertThat(response.getProvider()).isEqualTo(OpenAiTesting.PROVIDER);
    assertThat(response.getUsage().getTotalTokens()).isEqualTo(51);
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/openai/deployments/gpt-4o-prod/chat/completions");
    assertThat(request.getUrl().query()).isEqualTo("api-version=2024-10-21");
    assertThat(request.getHeaders().get("api-key")).isEqualTo(OpenAiTesting.API_KEY);
    assertThat(request.getHeaders().get("Authorization")).isNull();
    JsonNode body = Json.parse(request.getBody().toByteArray());
    assertThat(body.has("model")).as("the deployment in the path selects the model").isFalse();
    assertThat(body.get("messages")).isEqualTo(Json.parse("[{\"role\": \"user\", \"content\": \"Hello\"}]"));
  }

  @Test
  void sendsTheRequestAzureDocumentsForTheSameConversation() throws Exception {
    String recorded = resource("/wire/azure-openai/chat-completions.request.http");
    String requestLine = recorded.lines().findFirst().orElseThrow();
    JsonNode documented = Json.parse(recorded.substring(recorded.indexOf("\n\n") + 2));
    server.enqueue(fixture("chat-completion-annotations").build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(Message.newBuilder().setRole(Role.ROLE_SYSTEM).addContent(ContentPart.newBuilder()
            .setText("you are a helpful assistant that talks like a pirate")))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_USER).addContent(ContentPart.newBuilder()
            .setText("can you tell me how to care for a parrot?")))
        .build();

    adapter(Map.of()).complete(chat("my-deployment", request), sink);

    sink.value();
    RecordedRequest sent = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(requestLine).isEqualTo(
        "POST /openai/deployments/{deployment-id}/chat/completions?api-version=2024-10-21 HTTP/1.1");
    assertThat(sent.getMethod() + " " + sent.getUrl().encodedPath() + "?" + sent.getUrl().query()).isEqualTo(
        "POST /openai/deployments/my-deployment/chat/completions?api-version=2024-10-21");
    assertThat(recorded).contains("api-key: {azure-openai-key}");
    assertThat(sent.getHeaders().get("api-key")).isEqualTo(OpenAiTesting.API_KEY);
    assertThat(Json.parse(sent.getBody().toByteArray())).isEqualTo(documented);
  }

  @Test
  void reportsACompletionStoppedByTheContentFilter() throws Exception {
    server.enqueue(fixture("chat-completion-content-filtered").build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter(Map.of()).complete(chat("gpt-4o-prod"), sink);

    CompleteResponse response = sink.value();
    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_CONTENT_FILTER);
    assertThat(response.getUpstreamFinishReason()).isEqualTo("content_filter");
    assertThat(response.getMessage().getContentList()).isEmpty();
    assertThat(response.getId()).isEqualTo("chatcmpl-85NkyY0AkeBMunOjyxivQSiTaxGAl");
    assertThat(response.getUsage().getInputTokens()).isEqualTo(27);
    assertThat(response.getUsage().getOutputTokens()).isEqualTo(75);
  }

  @Test
  void sendsAnEntraTokenAsABearerToken() throws Exception {
    server.enqueue(fixture("chat-completion-annotations").build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter(Map.of("auth", "entra")).complete(chat("gpt-4o-prod"), sink);

    sink.value();
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + OpenAiTesting.API_KEY);
    assertThat(request.getHeaders().get("api-key")).isNull();
  }

  @Test
  void callsTheV1ApiWithTheDeploymentInTheBodyAndNoApiVersion() throws Exception {
    server.enqueue(fixture("chat-completion-annotations").build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter(Map.of("api", "v1", "max-tokens-field", "max_completion_tokens"))
        .complete(chat("gpt-4o-prod", CompleteRequest.newBuilder(hello()).setMaxOutputTokens(99).build()), sink);

    sink.value();
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/openai/v1/chat/completions");
    assertThat(request.getUrl().query()).isNull();
    JsonNode body = Json.parse(request.getBody().toByteArray());
    assertThat(body.get("model").asText()).isEqualTo("gpt-4o-prod");
    assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(99);
  }

  @Test
  void sendsAConfiguredApiVersionAndEncodesTheDeploymentAsOnePathSegment() throws Exception {
    server.enqueue(fixture("chat-completion-annotations").build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter(Map.of("api-version", "2025-04-01-preview")).complete(chat("team/../chat"), sink);

    sink.value();
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/openai/deployments/team%2F..%2Fchat/chat/completions");
    assertThat(request.getUrl().queryParameter("api-version")).isEqualTo("2025-04-01-preview");
  }

  @Test
  void mapsThePromptFilterRejectionToContentFilteredNamingTheCategories() throws Exception {
    server.enqueue(fixture("error-400-content-filter").build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter(Map.of()).complete(chat("gpt-4o-prod"), sink);

    GatewayException error = sink.error();
    assertThat(error.kind()).isEqualTo(ErrorKind.CONTENT_FILTERED);
    assertThat(error.upstreamStatus()).isEqualTo(400);
    assertThat(error.getMessage()).contains("filtered categories: custom_blocklists")
        .doesNotContain("raiBlocklistName").doesNotContain(OpenAiTesting.API_KEY);
    assertThat(error.violations()).extracting(FieldViolation::field).containsExactly("prompt");
  }

  @Test
  void mapsTheTokenRateLimitToRateLimitedWithTheRetryAfterHeader() throws Exception {
    server.enqueue(fixture("error-429-rate-limit").build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter(Map.of()).complete(chat("gpt-4o-prod"), sink);

    GatewayException error = sink.error();
    assertThat(error.kind()).isEqualTo(ErrorKind.PROVIDER_RATE_LIMITED);
    assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(45));
    assertThat(error.upstreamStatus()).isEqualTo(429);
  }

  @Test
  void prefersRetryAfterMsOnARateLimit() throws Exception {
    WireFixture fixture = WireFixture.load("azure-openai", "error-429-rate-limit", "json");
    server.enqueue(fixture.toResponse().addHeader("retry-after-ms", "1500").build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter(Map.of()).complete(chat("gpt-4o-prod"), sink);

    assertThat(sink.error().retryAfter()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void classifiesAMissingDeploymentAsModelNotFound() throws Exception {
    server.enqueue(new MockResponse.Builder().code(404).addHeader("Content-Type", "application/json")
        .body("{\"error\":{\"code\":\"DeploymentNotFound\",\"message\":\"The API deployment for this resource does"
            + " not exist. If you created the deployment within the last 5 minutes, please wait a moment and try"
            + " again.\"}}").build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter(Map.of()).complete(chat("missing"), sink);

    GatewayException error = sink.error();
    assertThat(error.kind()).isEqualTo(ErrorKind.MODEL_NOT_FOUND);
    assertThat(error.getMessage()).contains("DeploymentNotFound");
  }

  @Test
  void embedsThroughTheDeploymentUrl() throws Exception {
    server.enqueue(WireFixture.load("openai", "embeddings", "json").toResponse().build());
    FutureSink<EmbedResponse> sink = new FutureSink<>();

    adapter(Map.of()).embed(new ProviderRequest<>(EmbedRequest.newBuilder().addInputs("The food was delicious")
        .setDimensions(3).build(), "embed-small", Duration.ofSeconds(5), "req-2"), sink);

    EmbedResponse response = sink.value();
    assertThat(response.getEmbeddings(0).getValuesCount()).isEqualTo(3);
    assertThat(response.getUsage().getInputTokens()).isEqualTo(8);
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/openai/deployments/embed-small/embeddings");
    assertThat(request.getUrl().queryParameter("api-version")).isEqualTo("2024-10-21");
    assertThat(request.getHeaders().get("api-key")).isEqualTo(OpenAiTesting.API_KEY);
    assertThat(Json.parse(request.getBody().toByteArray())).isEqualTo(Json.parse(
        "{\"input\": [\"The food was delicious\"], \"dimensions\": 3, \"encoding_format\": \"float\"}"));
  }

  @Test
  void embedsThroughTheV1ApiWithTheDeploymentAsModel() throws Exception {
    server.enqueue(WireFixture.load("openai", "embeddings", "json").toResponse().build());
    FutureSink<EmbedResponse> sink = new FutureSink<>();

    adapter(Map.of("api", "v1")).embed(new ProviderRequest<>(EmbedRequest.newBuilder().addInputs("x").build(),
        "embed-small", null, "req-2"), sink);

    sink.value();
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/openai/v1/embeddings");
    assertThat(Json.parse(request.getBody().toByteArray()).get("model").asText()).isEqualTo("embed-small");
  }

  @Test
  void explainsThatDeploymentsCannotBeListedWithoutCallingAzure() throws Exception {
    FutureSink<List<DiscoveredModel>> sink = new FutureSink<>();

    adapter(Map.of()).listModels(Duration.ofSeconds(5), sink);

    GatewayException error = sink.error();
    assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(error.kind().retryable()).isFalse();
    assertThat(error.provider()).isEqualTo(OpenAiTesting.PROVIDER);
    assertThat(error.getMessage()).contains("cannot list its deployments").contains("upstream-model");
    assertThat(server.getRequestCount()).isZero();
  }

  private ProviderAdapter adapter(Map<String, String> options) {
    return new AzureOpenAiAdapter.Factory(shared).create(OpenAiTesting.azure(server.url("/").toString(), options));
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = AzureOpenAiAdapterTest.class.getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static MockResponse.Builder fixture(String stem) {
    return WireFixture.load("azure-openai", stem, "json").toResponse();
  }

  static ProviderRequest<CompleteRequest> chat(String deployment) {
    return chat(deployment, hello());
  }

  static ProviderRequest<CompleteRequest> chat(String deployment, CompleteRequest request) {
    return new ProviderRequest<>(request, deployment, Duration.ofSeconds(5), "req-1");
  }
}
