package dev.llmgateway.server.providers.openai;

import dev.llmgateway.server.testing.FutureSink;
import static dev.llmgateway.server.providers.openai.OpenAiAdapterTest.hello;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.llmgateway.server.config.Secret;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.FieldViolation;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.DiscoveredModel;
import dev.llmgateway.server.providers.ProviderAdapter;
import dev.llmgateway.server.providers.ProviderRequest;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.server.testing.WireFixture;
import dev.llmgateway.v1.Capability;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.EmbedResponse;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.GenerateImageRequest;
import dev.llmgateway.v1.GenerateImageResponse;
import dev.llmgateway.v1.Modality;
import dev.llmgateway.v1.ResponseFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HuggingFaceAdapterTest {
  static final String TOKEN = "hf_test0123456789";
  static final String MODEL = "meta-llama/Llama-3.1-8B-Instruct";

  @StartStop public final MockWebServer server = new MockWebServer();

  private final OkHttpClient shared = new OkHttpClient();

  @AfterEach
  void closeClient() {
    shared.dispatcher().cancelAll();
    shared.connectionPool().evictAll();
  }

  @Test
  void completesThroughTheMessagesApiWithTheTokenAsBearer() throws Exception {
    server.enqueue(fixture("tgi-chat-completion", "json").build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter(Map.of()).complete(chat(hello()), sink);

    CompleteResponse response = sink.value();
    assertThat(response.getMessage().getContent(0).getText()).isEqualTo("OK!");
    assertThat(response.getId()).as("TGI's id is empty").isEqualTo("req-1");
    assertThat(response.getModel()).isEqualTo(MODEL);
    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(response.getUsage().getInputTokens()).isEqualTo(39);
    assertThat(response.getUsage().getOutputTokens()).isEqualTo(3);
    assertThat(response.getUsage().getTotalTokens()).isEqualTo(42);
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    JsonNode body = Json.parse(request.getBody().toByteArray());
    assertThat(body.get("model").asText()).isEqualTo(MODEL);
    assertThat(body.get("messages")).isEqualTo(Json.parse("[{\"role\": \"user\", \"content\": \"Hello\"}]"));
  }

  @Test
  void acceptsABaseUrlEndingInV1AndSendsNoAuthorizationWithoutAToken() throws Exception {
    server.enqueue(fixture("tgi-chat-completion", "json").build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();
    ProviderAdapter keyless = new HuggingFaceAdapter.Factory(shared).create(
        OpenAiTesting.huggingFace(server.url("/v1/").toString(), Optional.empty(), Map.of()));

    keyless.complete(chat(hello()), sink);

    sink.value();
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
    assertThat(request.getHeaders().get("Authorization")).isNull();
  }

  @Test
  void asksForJsonOutputInTgiGrammarForm() throws Exception {
    server.enqueue(fixture("tgi-chat-completion", "json").build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();
    Struct schema = Struct.newBuilder().putFields("type", Value.newBuilder().setStringValue("object").build()).build();
    CompleteRequest request = CompleteRequest.newBuilder(hello()).setResponseFormat(ResponseFormat.newBuilder()
        .setType(ResponseFormat.Type.TYPE_JSON_SCHEMA).setSchemaName("answer").setJsonSchema(schema)).build();

    adapter(Map.of()).complete(chat(request), sink);

    sink.value();
    JsonNode body = Json.parse(server.takeRequest(5, TimeUnit.SECONDS).getBody().toByteArray());
    assertThat(body.get("response_format")).isEqualTo(Json.parse("{\"type\": \"json\", \"value\": {\"type\": \"object\"}}"));
  }

  @Test
  void asksForJsonOutputInOpenAiFormBehindTheRouter() throws Exception {
    server.enqueue(fixture("tgi-chat-completion", "json").build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();
    CompleteRequest request = CompleteRequest.newBuilder(hello()).setResponseFormat(ResponseFormat.newBuilder()
        .setType(ResponseFormat.Type.TYPE_JSON_OBJECT)).build();

    adapter(Map.of("response-format", "openai")).complete(chat(request), sink);

    sink.value();
    JsonNode body = Json.parse(server.takeRequest(5, TimeUnit.SECONDS).getBody().toByteArray());
    assertThat(body.get("response_format")).isEqualTo(Json.parse("{\"type\": \"json_object\"}"));
  }

  @Test
  void embedsThroughTeiNativeEmbedWithUsageFromTheComputeTokensHeader() throws Exception {
    server.enqueue(fixture("tei-embed", "json").build());
    FutureSink<EmbedResponse> sink = new FutureSink<>();

    adapter(Map.of()).embed(embedding(EmbedRequest.newBuilder().addInputs("What is Deep Learning?").build()), sink);

    EmbedResponse response = sink.value();
    assertThat(response.getEmbeddingsList()).hasSize(1);
    assertThat(response.getEmbeddings(0).getIndex()).isZero();
    assertThat(response.getEmbeddings(0).getValuesList()).containsExactly(0.0f, 1.0f, 2.0f);
    assertThat(response.getModel()).isEqualTo("BAAI/bge-large-en-v1.5");
    assertThat(response.getProvider()).isEqualTo(OpenAiTesting.PROVIDER);
    assertThat(response.getUsage().getInputTokens()).isEqualTo(7);
    assertThat(response.getUsage().getTotalTokens()).isEqualTo(7);
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/embed");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(Json.parse(request.getBody().toByteArray()))
        .isEqualTo(Json.parse("{\"inputs\": [\"What is Deep Learning?\"]}"));
  }

  @Test
  void rejectsVectorsLongerThanTheRequestedDimensions() throws Exception {
    server.enqueue(fixture("tei-embed", "json").build());
    FutureSink<EmbedResponse> sink = new FutureSink<>();

    adapter(Map.of()).embed(embedding(EmbedRequest.newBuilder().addInputs("x").setDimensions(2).build()), sink);

    GatewayException error = sink.error();
    assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(error.violations()).extracting(FieldViolation::field).containsExactly("dimensions");
    assertThat(Json.parse(server.takeRequest(5, TimeUnit.SECONDS).getBody().toByteArray()).get("dimensions").asInt())
        .isEqualTo(2);
  }

  @Test
  void failsWhenTeiReturnsAnotherNumberOfVectors() throws Exception {
    server.enqueue(fixture("tei-embed", "json").build());
    FutureSink<EmbedResponse> sink = new FutureSink<>();

    adapter(Map.of()).embed(embedding(EmbedRequest.newBuilder().addInputs("a").addInputs("b").build()), sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
  }

  @Test
  void embedsThroughTheOpenAiCompatibleRouteWhenConfigured() throws Exception {
    server.enqueue(WireFixture.load("openai", "embeddings", "json").toResponse().build());
    FutureSink<EmbedResponse> sink = new FutureSink<>();

    adapter(Map.of("embeddings-api", "openai")).embed(embedding(EmbedRequest.newBuilder().addInputs("x").build()), sink);

    assertThat(sink.value().getUsage().getInputTokens()).isEqualTo(8);
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v1/embeddings");
    JsonNode body = Json.parse(request.getBody().toByteArray());
    assertThat(body.get("model").asText()).isEqualTo("BAAI/bge-large-en-v1.5");
    assertThat(body.get("input").get(0).asText()).isEqualTo("x");
  }

  @Test
  void mapsTeiBatchSizeErrorToInvalidRequestOnTheInputs() throws Exception {
    server.enqueue(fixture("tei-error-422-batch-size", "json").build());
    FutureSink<EmbedResponse> sink = new FutureSink<>();

    adapter(Map.of()).embed(embedding(EmbedRequest.newBuilder().addInputs("x").build()), sink);

    GatewayException error = sink.error();
    assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(error.upstreamStatus()).isEqualTo(422);
    assertThat(error.violations()).containsExactly(
        new FieldViolation("inputs", "batch size 64 > maximum allowed batch size 32"));
  }

  @Test
  void mapsTgiTokenLimitValidationToContextWindowExceeded() throws Exception {
    server.enqueue(fixture("tgi-error-422-validation", "json").build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter(Map.of()).complete(chat(hello()), sink);

    GatewayException error = sink.error();
    assertThat(error.kind()).isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
    assertThat(error.upstreamStatus()).isEqualTo(422);
    assertThat(error.getMessage()).contains("must be <= 4096");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "424 | {\"error\":\"Request failed during generation: Server error: CUDA out of memory\",\"error_type\":\"generation\"} | PROVIDER_UNAVAILABLE",
      "429 | {\"error\":\"Model is overloaded\",\"error_type\":\"overloaded\"} | PROVIDER_RATE_LIMITED",
      "500 | {\"error\":\"Incomplete generation\",\"error_type\":\"incomplete_generation\"} | PROVIDER_UNAVAILABLE",
      "422 | {\"error\":\"Template error: template not found\",\"error_type\":\"template_error\"} | INVALID_REQUEST",
      "422 | {\"error\":\"Tool error: Tool with name get_weather not found\",\"error_type\":\"tool_error\"} | INVALID_REQUEST",
      "424 | {\"error\":\"Backend error: CUDA error\",\"error_type\":\"Backend\"} | PROVIDER_UNAVAILABLE",
      "429 | {\"error\":\"Model is overloaded\",\"error_type\":\"Overloaded\"} | PROVIDER_RATE_LIMITED",
      "503 | {\"error\":\"Model is unhealthy\",\"error_type\":\"Unhealthy\"} | PROVIDER_UNAVAILABLE",
      "400 | {\"error\":\"Batch is empty\",\"error_type\":\"Empty\"} | INVALID_REQUEST",
      "422 | {\"error\":\"Input validation error: `inputs` must have less than 512 tokens. Given: 600\",\"error_type\":\"Validation\"} | CONTEXT_WINDOW_EXCEEDED",
      "424 | {\"error\":\"upstream model failed\"} | PROVIDER_UNAVAILABLE"})
  void classifiesTgiAndTeiErrorBodies(int status, String body, ErrorKind kind) throws Exception {
    server.enqueue(new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter(Map.of()).complete(chat(hello()), sink);

    GatewayException error = sink.error();
    assertThat(error.kind()).isEqualTo(kind);
    assertThat(error.upstreamStatus()).isEqualTo(status);
    assertThat(error.getMessage()).doesNotContain(TOKEN);
  }

  @Test
  void retriesALoadingModelAfterTheEstimatedTime() throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Content-Type", "application/json")
        .body("{\"error\":\"Model meta-llama/Llama-3.1-8B-Instruct is currently loading\",\"estimated_time\":20.0}")
        .build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter(Map.of()).complete(chat(hello()), sink);

    GatewayException error = sink.error();
    assertThat(error.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(error.retryAfter()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void discoversTheTgiModelFromServerInfo() throws Exception {
    server.enqueue(fixture("tgi-info", "json").build());
    FutureSink<List<DiscoveredModel>> sink = new FutureSink<>();

    adapter(Map.of()).listModels(Duration.ofSeconds(5), sink);

    DiscoveredModel model = sink.value().get(0);
    assertThat(model.id()).isEqualTo("bigscience/blomm-560m");
    assertThat(model.vendor()).isEqualTo("bigscience");
    assertThat(model.contextWindow()).isEqualTo(2048);
    assertThat(model.capabilities()).containsExactlyInAnyOrder(Capability.CAPABILITY_CHAT,
        Capability.CAPABILITY_STREAMING, Capability.CAPABILITY_TOOLS, Capability.CAPABILITY_JSON_OUTPUT);
    assertThat(model.inputModalities()).containsExactly(Modality.MODALITY_TEXT);
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/info");
    assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void discoversTheTeiModelFromServerInfo() throws Exception {
    server.enqueue(fixture("tei-info", "json").build());
    FutureSink<List<DiscoveredModel>> sink = new FutureSink<>();

    adapter(Map.of()).listModels(null, sink);

    DiscoveredModel model = sink.value().get(0);
    assertThat(model.id()).isEqualTo("thenlper/gte-base");
    assertThat(model.vendor()).isEqualTo("thenlper");
    assertThat(model.capabilities()).containsExactly(Capability.CAPABILITY_EMBEDDINGS);
    assertThat(model.contextWindow()).isEqualTo(512);
    assertThat(model.outputModalities()).containsExactly(Modality.MODALITY_EMBEDDING);
  }

  @Test
  void failsDiscoveryWhenTheServerHasNoInfo() throws Exception {
    server.enqueue(new MockResponse.Builder().code(404).build());
    FutureSink<List<DiscoveredModel>> sink = new FutureSink<>();

    adapter(Map.of()).listModels(null, sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.MODEL_NOT_FOUND);
  }

  @Test
  void offersNoImageGeneration() throws Exception {
    FutureSink<GenerateImageResponse> sink = new FutureSink<>();

    adapter(Map.of()).generateImage(new ProviderRequest<>(GenerateImageRequest.newBuilder()
        .setPrompt("a cat").build(), MODEL, null, "req-3"), sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(server.getRequestCount()).isZero();
  }

  private ProviderAdapter adapter(Map<String, String> options) {
    return new HuggingFaceAdapter.Factory(shared).create(OpenAiTesting.huggingFace(server.url("/").toString(),
        Optional.of(new Secret(TOKEN)), options));
  }

  private static MockResponse.Builder fixture(String stem, String extension) {
    return WireFixture.load("huggingface", stem, extension).toResponse();
  }

  static ProviderRequest<CompleteRequest> chat(CompleteRequest request) {
    return new ProviderRequest<>(request, MODEL, Duration.ofSeconds(5), "req-1");
  }

  private static ProviderRequest<EmbedRequest> embedding(EmbedRequest request) {
    return new ProviderRequest<>(request, "BAAI/bge-large-en-v1.5", Duration.ofSeconds(5), "req-2");
  }
}
