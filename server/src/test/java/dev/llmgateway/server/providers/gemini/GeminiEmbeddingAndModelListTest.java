package dev.llmgateway.server.providers.gemini;

import dev.llmgateway.server.testing.FutureSink;
import static dev.llmgateway.server.providers.gemini.GeminiAdapterTest.json200;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.API_KEY;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.WAIT_SECONDS;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.config;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.fixture;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.providers.DiscoveredModel;
import dev.llmgateway.server.providers.ProviderAdapter;
import dev.llmgateway.server.providers.ProviderRequest;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.v1.Capability;
import dev.llmgateway.v1.DeploymentType;
import dev.llmgateway.v1.EmbedInputType;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.EmbedResponse;
import dev.llmgateway.v1.Embedding;
import dev.llmgateway.v1.Modality;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

/** Runs embeddings and model listing against a MockWebServer serving recorded Gemini answers. */
class GeminiEmbeddingAndModelListTest {
  private static final OkHttpClient CLIENT = new OkHttpClient();
  private static final String EMBEDDING_MODEL = "text-embedding-004";

  @StartStop
  public final MockWebServer server = new MockWebServer();

  @Test
  void embedsOneTextThroughEmbedContent() throws Exception {
    server.enqueue(fixture("embed-content").toResponse().build());
    FutureSink<EmbedResponse> sink = new FutureSink<>();

    adapter(Map.of()).embed(embed(EmbedInputType.EMBED_INPUT_TYPE_SEARCH_QUERY, 256, "Hello world"), sink);

    EmbedResponse response = sink.value();
    assertThat(response.getEmbeddingsList()).extracting(Embedding::getIndex).containsExactly(0);
    assertThat(response.getEmbeddings(0).getValuesList()).containsExactly(0.013168523f, -0.008711934f,
        -0.046782676f, 0.00069968984f, -0.009518873f, -0.008720178f, 0.060103577f);
    assertThat(response.getProvider()).isEqualTo("google");
    assertThat(response.getModel()).isEqualTo(EMBEDDING_MODEL);
    RecordedRequest recorded = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1beta/models/text-embedding-004:embedContent");
    assertThat(recorded.getHeaders().get("x-goog-api-key")).isEqualTo(API_KEY);
    assertThat(json(recorded.getBody().utf8())).isEqualTo(json("""
        {"content": {"parts": [{"text": "Hello world"}]}, "taskType": "RETRIEVAL_QUERY", "outputDimensionality": 256}
        """));
  }

  @Test
  void embedsSeveralTextsThroughBatchEmbedContents() throws Exception {
    server.enqueue(fixture("batch-embed-contents").toResponse().build());
    FutureSink<EmbedResponse> sink = new FutureSink<>();

    adapter(Map.of()).embed(embed(EmbedInputType.EMBED_INPUT_TYPE_SEARCH_DOCUMENT, null, "a", "b", "c"), sink);

    EmbedResponse response = sink.value();
    assertThat(response.getEmbeddingsList()).extracting(Embedding::getIndex).containsExactly(0, 1, 2);
    assertThat(response.getEmbeddings(2).getValues(0)).isEqualTo(0.05808907f);
    RecordedRequest recorded = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1beta/models/text-embedding-004:batchEmbedContents");
    assertThat(json(recorded.getBody().utf8())).isEqualTo(json("""
        {"requests": [
          {"model": "models/text-embedding-004", "content": {"parts": [{"text": "a"}]}, "taskType": "RETRIEVAL_DOCUMENT"},
          {"model": "models/text-embedding-004", "content": {"parts": [{"text": "b"}]}, "taskType": "RETRIEVAL_DOCUMENT"},
          {"model": "models/text-embedding-004", "content": {"parts": [{"text": "c"}]}, "taskType": "RETRIEVAL_DOCUMENT"}
        ]}
        """));
  }

  @Test
  void splitsInputsIntoBatchesTheApiAcceptsAndNumbersVectorsAcrossThem() throws Exception {
    server.enqueue(json200("{\"embeddings\": [{\"values\": [1]}, {\"values\": [2]}]}"));
    server.enqueue(json200("{\"embeddings\": [{\"values\": [3]}, {\"values\": [4]}]}"));
    server.enqueue(json200("{\"embeddings\": [{\"values\": [5]}]}"));
    FutureSink<EmbedResponse> sink = new FutureSink<>();

    adapter(Map.of("embed-batch-size", "2")).embed(
        embed(EmbedInputType.EMBED_INPUT_TYPE_CLUSTERING, null, "a", "b", "c", "d", "e"), sink);

    EmbedResponse response = sink.value();
    assertThat(response.getEmbeddingsList()).extracting(Embedding::getIndex).containsExactly(0, 1, 2, 3, 4);
    assertThat(response.getEmbeddingsList()).extracting(e -> e.getValues(0)).containsExactly(1f, 2f, 3f, 4f, 5f);
    assertThat(server.getRequestCount()).isEqualTo(3);
    server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    RecordedRequest last = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(json(last.getBody().utf8())).isEqualTo(json("""
        {"requests": [{"model": "models/text-embedding-004", "content": {"parts": [{"text": "e"}]},
          "taskType": "CLUSTERING"}]}
        """));
  }

  @Test
  void stopsAtTheFirstFailedBatch() throws Exception {
    server.enqueue(json200("{\"embeddings\": [{\"values\": [1]}, {\"values\": [2]}]}"));
    server.enqueue(fixture("error-429-resource-exhausted").toResponse().build());
    FutureSink<EmbedResponse> sink = new FutureSink<>();

    adapter(Map.of("embed-batch-size", "2")).embed(embed(EmbedInputType.EMBED_INPUT_TYPE_UNSPECIFIED, null,
        "a", "b", "c", "d", "e"), sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_RATE_LIMITED);
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(sink.outcomes()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"embeddings\": [{\"values\": [1]}]}",
      "{\"embeddings\": [{\"values\": [1]}, {\"values\": \"x\"}]}",
      "{\"embeddings\": [{}, {}]}",
      "{\"embeddings\": [{\"values\": [1]}, {\"values\": [\"1\"]}]}",
      "{\"embeddings\": [{\"values\": [1]"})
  void failsWithAProtocolErrorOnMalformedEmbeddings(String body) throws Exception {
    server.enqueue(json200(body));
    FutureSink<EmbedResponse> sink = new FutureSink<>();

    adapter(Map.of()).embed(embed(EmbedInputType.EMBED_INPUT_TYPE_UNSPECIFIED, null, "a", "b"), sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
  }

  @Test
  void cancellingAnEmbeddingChainStopsTheBatchInFlight() throws Exception {
    server.enqueue(json200("{\"embeddings\": [{\"values\": [1]}, {\"values\": [2]}]}"));
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    FutureSink<EmbedResponse> sink = new FutureSink<>();

    UpstreamCall call = adapter(Map.of("embed-batch-size", "2")).embed(
        embed(EmbedInputType.EMBED_INPUT_TYPE_UNSPECIFIED, null, "a", "b", "c"), sink);
    server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    call.cancel();

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.CANCELLED);
    assertThat(sink.outcomes()).isEqualTo(1);
  }

  @Test
  void listsModelsAcrossPagesWithTheirLimitsAndCapabilities() throws Exception {
    // Shaped after the models.list reference (ai.google.dev/api/models): Model fields and nextPageToken.
    server.enqueue(json200("""
        {"models": [
          {"name": "models/gemini-2.5-flash", "version": "001", "displayName": "Gemini 2.5 Flash",
           "inputTokenLimit": 1048576, "outputTokenLimit": 65536,
           "supportedGenerationMethods": ["generateContent", "countTokens", "createCachedContent",
             "batchGenerateContent"], "temperature": 1, "topP": 0.95, "topK": 64, "maxTemperature": 2,
           "thinking": true},
          {"name": "models/gemini-2.5-flash-preview-tts", "inputTokenLimit": 8192, "outputTokenLimit": 16384,
           "supportedGenerationMethods": ["countTokens", "generateContent"]}
        ], "nextPageToken": "page-2"}
        """));
    server.enqueue(json200("""
        {"models": [
          {"name": "models/gemini-embedding-001", "inputTokenLimit": 2048, "outputTokenLimit": 1,
           "supportedGenerationMethods": ["embedContent", "countTextTokens", "countTokens", "asyncBatchEmbedContent"]},
          {"name": "models/imagen-4.0-generate-001", "inputTokenLimit": 480, "outputTokenLimit": 8192,
           "supportedGenerationMethods": ["predict"]}
        ]}
        """));
    FutureSink<List<DiscoveredModel>> sink = new FutureSink<>();

    adapter(Map.of()).listModels(Duration.ofSeconds(5), sink);

    List<DiscoveredModel> models = sink.value();
    assertThat(models).extracting(DiscoveredModel::id).containsExactly("gemini-2.5-flash",
        "gemini-2.5-flash-preview-tts", "gemini-embedding-001", "imagen-4.0-generate-001");
    assertThat(models.get(0)).isEqualTo(new DiscoveredModel("gemini-2.5-flash", "google",
        Set.of(Capability.CAPABILITY_CHAT, Capability.CAPABILITY_STREAMING, Capability.CAPABILITY_TOOLS,
            Capability.CAPABILITY_JSON_OUTPUT, Capability.CAPABILITY_VISION),
        1048576, 65536, Set.of(Modality.MODALITY_TEXT, Modality.MODALITY_IMAGE, Modality.MODALITY_AUDIO),
        Set.of(Modality.MODALITY_TEXT), DeploymentType.DEPLOYMENT_TYPE_ON_DEMAND));
    assertThat(models.get(1).capabilities())
        .containsExactlyInAnyOrder(Capability.CAPABILITY_CHAT, Capability.CAPABILITY_STREAMING);
    assertThat(models.get(2)).isEqualTo(new DiscoveredModel("gemini-embedding-001", "google",
        Set.of(Capability.CAPABILITY_EMBEDDINGS), 2048, 0, Set.of(Modality.MODALITY_TEXT),
        Set.of(Modality.MODALITY_EMBEDDING), DeploymentType.DEPLOYMENT_TYPE_ON_DEMAND));
    assertThat(models.get(3).capabilities()).isEmpty();
    RecordedRequest first = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(first.getMethod()).isEqualTo("GET");
    assertThat(first.getUrl().encodedPath()).isEqualTo("/v1beta/models");
    assertThat(first.getUrl().queryParameter("pageSize")).isEqualTo("1000");
    assertThat(first.getUrl().queryParameter("pageToken")).isNull();
    assertThat(first.getUrl().queryParameter("key")).isNull();
    assertThat(first.getHeaders().get("x-goog-api-key")).isEqualTo(API_KEY);
    RecordedRequest second = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(second.getUrl().queryParameter("pageToken")).isEqualTo("page-2");
  }

  @Test
  void classifiesAFailedModelListing() throws Exception {
    server.enqueue(fixture("error-400-api-key-invalid").toResponse().build());
    FutureSink<List<DiscoveredModel>> sink = new FutureSink<>();

    adapter(Map.of()).listModels(null, sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_MISCONFIGURED);
  }

  @Test
  void failsWithAProtocolErrorOnAModelListThatIsNotOne() throws Exception {
    server.enqueue(json200("{\"models\": {\"name\": \"models/x\"}}"));
    FutureSink<List<DiscoveredModel>> sink = new FutureSink<>();

    adapter(Map.of()).listModels(null, sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
  }

  private ProviderAdapter adapter(Map<String, String> options) {
    return new GeminiAdapter.Factory(CLIENT).create(config(server.url("/v1beta").toString(), options));
  }

  private static ProviderRequest<EmbedRequest> embed(EmbedInputType type, Integer dimensions, String... inputs) {
    EmbedRequest.Builder request = EmbedRequest.newBuilder().setModel("embed").setInputType(type)
        .addAllInputs(List.of(inputs));
    if (dimensions != null) {
      request.setDimensions(dimensions);
    }
    return new ProviderRequest<>(request.build(), EMBEDDING_MODEL, Duration.ofSeconds(10), "req-1");
  }
}
