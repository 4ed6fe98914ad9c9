package dev.llmgateway.server.providers.bedrock;

import dev.llmgateway.server.testing.FutureSink;
import static dev.llmgateway.server.providers.bedrock.BedrockTesting.WAIT_SECONDS;
import static dev.llmgateway.server.providers.bedrock.BedrockTesting.fixture;
import static dev.llmgateway.server.providers.bedrock.BedrockTesting.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.DiscoveredModel;
import dev.llmgateway.server.providers.ProviderAdapter;
import dev.llmgateway.server.providers.ProviderRequest;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.v1.Capability;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.DeploymentType;
import dev.llmgateway.v1.EmbedInputType;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.EmbedResponse;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.GenerateImageRequest;
import dev.llmgateway.v1.GenerateImageResponse;
import dev.llmgateway.v1.Modality;
import dev.llmgateway.v1.Usage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs Converse, InvokeModel and model-list calls against a MockWebServer serving recorded answers. */
class BedrockAdapterTest {
  private static final String JSON = "application/json";

  @StartStop public final MockWebServer server = new MockWebServer();

  private final OkHttpClient shared = new OkHttpClient();

  @AfterEach
  void closeClient() {
    shared.dispatcher().cancelAll();
    shared.connectionPool().evictAll();
  }

  @Test
  void completesATextAnswerFromTheRecordedConverseResponse() throws Exception {
    server.enqueue(fixture("converse-response-text").toResponse().build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(BedrockStreamingTest.request(), sink);

    CompleteResponse response = sink.value();
    assertThat(response.getMessage().getContent(0).getText()).startsWith("Here is a list of 3 pop songs")
        .endsWith("\"Don't Look Back in Anger\" by Oasis");
    assertThat(response.getId()).isEqualTo("2f8f4f6a-1b1c-4f43-9a63-1e5c6c6a7b21");
    assertThat(response.getProvider()).isEqualTo(BedrockTesting.PROVIDER);
    assertThat(response.getModel()).isEqualTo(BedrockTesting.MODEL);
    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(response.getUpstreamFinishReason()).isEqualTo("end_turn");
    assertThat(response.getUsage()).isEqualTo(Usage.newBuilder().setInputTokens(125).setOutputTokens(60)
        .setTotalTokens(185).build());
    RecordedRequest recorded = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse");
    assertThat(recorded.getHeaders().get("Content-Type")).isEqualTo(JSON);
    assertThat(recorded.getHeaders().get("Authorization")).matches("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250102/"
        + "us-east-1/bedrock/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, "
        + "Signature=[0-9a-f]{64}");
    assertThat(recorded.getHeaders().get("x-amz-content-sha256")).isEqualTo(SigV4Reference.hex(
        java.security.MessageDigest.getInstance("SHA-256").digest(recorded.getBody().toByteArray())));
    assertThat(recorded.getHeaders().get("X-Amz-Security-Token")).isNull();
  }

  @Test
  void signsTheExactPathAndBodySentSoTheSignatureVerifies() throws Exception {
    server.enqueue(fixture("converse-response-text").toResponse().build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(BedrockStreamingTest.request(), sink);
    sink.value();

    RecordedRequest recorded = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(recorded.getHeaders().get("Authorization")).endsWith("Signature=" + expectedSignature(recorded));
  }

  @Test
  void putsAProvisionedThroughputArnIntoThePathAsOneEncodedSegmentAndSignsIt() throws Exception {
    String arn = "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc123def456";
    server.enqueue(fixture("converse-response-text").toResponse().build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(new ProviderRequest<>(BedrockStreamingTest.request().request(), arn,
        Duration.ofSeconds(WAIT_SECONDS), "req-1"), sink);

    assertThat(sink.value().getModel()).isEqualTo(arn);
    RecordedRequest recorded = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(recorded.getUrl().encodedPath()).isEqualTo(
        "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aprovisioned-model%2Fabc123def456/converse");
    assertThat(recorded.getUrl().pathSegments()).containsExactly("model", arn, "converse");
    assertThat(recorded.getHeaders().get("Authorization")).endsWith("Signature=" + expectedSignature(recorded));
  }

  @Test
  void completesWithAToolCallFromTheRecordedResponse() throws Exception {
    server.enqueue(fixture("converse-response-tool-use").toResponse().build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(BedrockStreamingTest.request(), sink);

    CompleteResponse response = sink.value();
    assertThat(response.getMessage().getContentCount()).isZero();
    assertThat(response.getMessage().getToolCalls(0).getId()).isEqualTo("tooluse_kZJMlvQmRJ6eAyJE5GIl7Q");
    assertThat(response.getMessage().getToolCalls(0).getName()).isEqualTo("top_song");
    assertThat(json(response.getMessage().getToolCalls(0).getArgumentsJson())).isEqualTo(json("{\"sign\":\"WZPZ\"}"));
    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_TOOL_CALLS);
    assertThat(response.getUsage().getTotalTokens()).isEqualTo(481);
  }

  @ParameterizedTest
  @CsvSource({
      "400,ValidationException,Malformed input request: extraneous key [foo] is not permitted,INVALID_REQUEST",
      "400,ValidationException,Input is too long for requested model.,CONTEXT_WINDOW_EXCEEDED",
      "403,AccessDeniedException,You don't have access to the model with the specified model ID.,PROVIDER_MISCONFIGURED",
      "403,UnrecognizedClientException,The security token included in the request is invalid.,PROVIDER_MISCONFIGURED",
      "403,InvalidSignatureException,The request signature we calculated does not match,PROVIDER_MISCONFIGURED",
      "404,ResourceNotFoundException,Could not resolve the foundation model from the provided model identifier.,MODEL_NOT_FOUND",
      "429,ThrottlingException,Too many requests,PROVIDER_RATE_LIMITED",
      "408,ModelTimeoutException,Model has timed out in processing the request.,PROVIDER_TIMEOUT",
      "503,ServiceUnavailableException,Service unavailable,PROVIDER_UNAVAILABLE",
      "500,InternalServerException,Internal server error,PROVIDER_UNAVAILABLE",
      "429,ModelNotReadyException,Model is not ready for inference,PROVIDER_UNAVAILABLE",
      "424,ModelErrorException,The model returned an error,PROVIDER_UNAVAILABLE"})
  void classifiesEachBedrockErrorType(int status, String type, String message, ErrorKind kind) throws Exception {
    MockResponse error = new MockResponse.Builder().code(status)
        .addHeader("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/")
        .addHeader("x-amzn-RequestId", "8a6f0c7e-0000-0000-0000-000000000000")
        .addHeader("content-type", JSON)
        .body("{\"message\":\"" + message + "\"}").build();
    // OkHttp itself retries a 408 once before handing it over.
    server.enqueue(error);
    server.enqueue(error);
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(BedrockStreamingTest.request(), sink);

    GatewayException e = sink.error();
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.upstreamStatus()).isEqualTo(status);
    assertThat(e.provider()).isEqualTo(BedrockTesting.PROVIDER);
    assertThat(e.getMessage()).doesNotContain(BedrockTesting.SECRET_KEY).doesNotContain(BedrockTesting.ACCESS_KEY);
    if (kind != ErrorKind.INVALID_REQUEST && kind != ErrorKind.CONTEXT_WINDOW_EXCEEDED) {
      assertThat(e.getMessage()).doesNotContain(message);
    }
  }

  @Test
  void takesTheErrorTypeFromTheBodyWhenTheHeaderIsMissingAndTheRetryDelayFromRetryAfter() throws Exception {
    server.enqueue(new MockResponse.Builder().code(400).addHeader("retry-after", "3")
        .body("{\"__type\":\"com.amazon.coral.service#ThrottlingException\",\"message\":\"slow down\"}").build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(BedrockStreamingTest.request(), sink);

    GatewayException e = sink.error();
    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_RATE_LIMITED);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void failsWithAProtocolErrorOnAnAnswerThatIsNotJson() throws Exception {
    server.enqueue(new MockResponse.Builder().addHeader("content-type", JSON).body("{\"output\":").build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(BedrockStreamingTest.request(), sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
  }

  @Test
  void reportsACallThatOutlivesItsTimeoutAsProviderTimeout() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    adapter().complete(new ProviderRequest<>(BedrockStreamingTest.request().request(), BedrockTesting.MODEL,
        Duration.ofMillis(200), "req-1"), sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_TIMEOUT);
  }

  @Test
  void cancellingAWholeAnswerCallReportsCancelled() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    FutureSink<CompleteResponse> sink = new FutureSink<>();

    UpstreamCall call = adapter().complete(BedrockStreamingTest.request(), sink);
    server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    call.cancel();

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.CANCELLED);
  }

  @Test
  void embedsWithTitanOneCallPerInputAndSumsTheTokenCounts() throws Exception {
    server.enqueue(fixture("invoke-titan-embed-text-v2-response").toResponse().build());
    server.enqueue(fixture("invoke-titan-embed-text-v2-response").toResponse().build());
    FutureSink<EmbedResponse> sink = new FutureSink<>();
    EmbedRequest request = EmbedRequest.newBuilder().setModel("titan")
        .addInputs("What is the most popular song on WZPZ?").addInputs("Second").setDimensions(512).build();

    adapter().embed(new ProviderRequest<>(request, "amazon.titan-embed-text-v2:0", Duration.ofSeconds(WAIT_SECONDS),
        "req-1"), sink);

    EmbedResponse response = sink.value();
    assertThat(response.getEmbeddingsList()).extracting(e -> e.getIndex()).containsExactly(0, 1);
    assertThat(response.getEmbeddings(0).getValuesList()).containsExactly(0.0293f, -0.0131f, 0.0544f, -0.0021f);
    assertThat(response.getUsage().getInputTokens()).isEqualTo(18);
    assertThat(response.getModel()).isEqualTo("amazon.titan-embed-text-v2:0");
    RecordedRequest first = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(first.getUrl().encodedPath()).isEqualTo("/model/amazon.titan-embed-text-v2%3A0/invoke");
    assertThat(first.getHeaders().get("Authorization")).endsWith("Signature=" + expectedSignature(first));
    JsonNode body = json(first.getBody().toByteArray());
    JsonNode documented = json(BedrockTesting.resource("invoke-titan-embed-text-v2-request.json"));
    assertThat(body.get("inputText")).isEqualTo(documented.get("inputText"));
    assertThat(body.get("dimensions")).isEqualTo(documented.get("dimensions"));
    assertThat(body.get("normalize")).isEqualTo(documented.get("normalize"));
    assertThat(json(server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS).getBody().toByteArray()).get("inputText")
        .asText()).isEqualTo("Second");
  }

  @Test
  void embedsWithCohereInOneCallTakingTheTokenCountFromBedrocksHeader() throws Exception {
    server.enqueue(fixture("invoke-cohere-embed-response").toResponse()
        .addHeader("x-amzn-bedrock-input-token-count", "11").build());
    FutureSink<EmbedResponse> sink = new FutureSink<>();
    EmbedRequest request = EmbedRequest.newBuilder().setModel("cohere")
        .addInputs("What is the most popular song on WZPZ?")
        .setInputType(EmbedInputType.EMBED_INPUT_TYPE_SEARCH_QUERY).build();

    adapter().embed(new ProviderRequest<>(request, "cohere.embed-english-v3", Duration.ofSeconds(WAIT_SECONDS),
        "req-1"), sink);

    EmbedResponse response = sink.value();
    assertThat(response.getEmbeddings(0).getValuesList()).containsExactly(0.0215f, -0.0357f, 0.0102f, 0.0461f);
    assertThat(response.getUsage().getInputTokens()).isEqualTo(11);
    RecordedRequest recorded = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/model/cohere.embed-english-v3/invoke");
    JsonNode body = json(recorded.getBody().toByteArray());
    JsonNode documented = json(BedrockTesting.resource("invoke-cohere-embed-request.json"));
    assertThat(body.get("texts")).isEqualTo(documented.get("texts"));
    assertThat(body.get("input_type")).isEqualTo(documented.get("input_type"));
    assertThat(body.get("embedding_types")).isEqualTo(json("[\"float\"]"));
  }

  @Test
  void readsCohereEmbeddingsKeyedByTypeAndSplitsLargeRequestsIntoBatches() throws Exception {
    StringBuilder inputs = new StringBuilder();
    EmbedRequest.Builder request = EmbedRequest.newBuilder().setModel("cohere");
    for (int i = 0; i < 97; i++) {
      request.addInputs("text " + i);
      inputs.append(i == 0 ? "" : ",").append("[").append(i).append(".5]");
    }
    server.enqueue(new MockResponse.Builder().addHeader("content-type", JSON)
        .body("{\"embeddings\":{\"float\":[" + inputs.substring(0, inputs.lastIndexOf(",")) + "]},"
            + "\"response_type\":\"embeddings_by_type\"}").build());
    server.enqueue(new MockResponse.Builder().addHeader("content-type", JSON)
        .body("{\"embeddings\":{\"float\":[[96.5]]},\"response_type\":\"embeddings_by_type\"}").build());
    FutureSink<EmbedResponse> sink = new FutureSink<>();

    adapter().embed(new ProviderRequest<>(request.build(), "us.cohere.embed-v4:0", null, "req-1"), sink);

    EmbedResponse response = sink.value();
    assertThat(response.getEmbeddingsCount()).isEqualTo(97);
    assertThat(response.getEmbeddings(96).getValuesList()).containsExactly(96.5f);
    assertThat(response.getEmbeddings(96).getIndex()).isEqualTo(96);
    assertThat(json(server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS).getBody().toByteArray()).get("texts").size())
        .isEqualTo(96);
  }

  @Test
  void rejectsAnEmbeddingModelWhoseFormatIsUnknownWithoutCallingBedrock() throws Exception {
    FutureSink<EmbedResponse> sink = new FutureSink<>();

    UpstreamCall call = adapter().embed(new ProviderRequest<>(EmbedRequest.newBuilder().addInputs("x").build(),
        "meta.llama3-8b-instruct-v1:0", null, "req-1"), sink);

    GatewayException e = sink.error();
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.violations().get(0).field()).isEqualTo("model");
    assertThat(call).isSameAs(UpstreamCall.DONE);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void listsFoundationModelsFromTheSignedControlPlaneCall() throws Exception {
    server.enqueue(new MockResponse.Builder().addHeader("content-type", JSON).body("""
        {"modelSummaries":[
          {"modelArn":"arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
           "modelId":"anthropic.claude-3-haiku-20240307-v1:0","modelName":"Claude 3 Haiku",
           "providerName":"Anthropic","inputModalities":["TEXT","IMAGE"],"outputModalities":["TEXT"],
           "responseStreamingSupported":true,"customizationsSupported":[],
           "inferenceTypesSupported":["ON_DEMAND"],"modelLifecycle":{"status":"ACTIVE"}},
          {"modelArn":"arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0:200k",
           "modelId":"anthropic.claude-3-haiku-20240307-v1:0:200k","providerName":"Anthropic",
           "inputModalities":["TEXT","IMAGE"],"outputModalities":["TEXT"],"responseStreamingSupported":true,
           "inferenceTypesSupported":["PROVISIONED"]},
          {"modelArn":"arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0",
           "modelId":"amazon.titan-embed-text-v2:0","providerName":"Amazon","inputModalities":["TEXT"],
           "outputModalities":["EMBEDDING"],"inferenceTypesSupported":["ON_DEMAND"]},
          {"modelArn":"arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-canvas-v1:0",
           "modelId":"amazon.nova-canvas-v1:0","providerName":"Amazon","inputModalities":["TEXT","IMAGE"],
           "outputModalities":["IMAGE"],"inferenceTypesSupported":["ON_DEMAND"]}
        ]}""").build());
    FutureSink<List<DiscoveredModel>> sink = new FutureSink<>();

    adapter().listModels(Duration.ofSeconds(WAIT_SECONDS), sink);

    List<DiscoveredModel> models = sink.value();
    assertThat(models).extracting(DiscoveredModel::id).containsExactly("anthropic.claude-3-haiku-20240307-v1:0",
        "anthropic.claude-3-haiku-20240307-v1:0:200k", "amazon.titan-embed-text-v2:0", "amazon.nova-canvas-v1:0");
    DiscoveredModel haiku = models.get(0);
    assertThat(haiku.vendor()).isEqualTo("anthropic");
    assertThat(haiku.capabilities()).containsExactlyInAnyOrder(Capability.CAPABILITY_CHAT,
        Capability.CAPABILITY_STREAMING, Capability.CAPABILITY_VISION);
    assertThat(haiku.inputModalities()).containsExactlyInAnyOrder(Modality.MODALITY_TEXT, Modality.MODALITY_IMAGE);
    assertThat(haiku.deploymentType()).isEqualTo(DeploymentType.DEPLOYMENT_TYPE_ON_DEMAND);
    assertThat(models.get(1).deploymentType()).isEqualTo(DeploymentType.DEPLOYMENT_TYPE_PROVISIONED);
    assertThat(models.get(2).vendor()).isEqualTo("amazon");
    assertThat(models.get(2).capabilities()).isEqualTo(Set.of(Capability.CAPABILITY_EMBEDDINGS));
    assertThat(models.get(2).outputModalities()).isEqualTo(Set.of(Modality.MODALITY_EMBEDDING));
    assertThat(models.get(3).capabilities()).isEqualTo(Set.of(Capability.CAPABILITY_IMAGE_GENERATION));
    RecordedRequest recorded = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(recorded.getMethod()).isEqualTo("GET");
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/foundation-models");
    assertThat(recorded.getHeaders().get("Authorization")).contains("/us-east-1/bedrock/aws4_request")
        .endsWith("Signature=" + expectedSignature(recorded));
  }

  @Test
  void drawsImagesWithNovaCanvas() throws Exception {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
    server.enqueue(new MockResponse.Builder().addHeader("content-type", JSON)
        .body("{\"images\":[\"" + Base64.getEncoder().encodeToString(png) + "\"],\"error\":null}").build());
    FutureSink<GenerateImageResponse> sink = new FutureSink<>();
    GenerateImageRequest request = GenerateImageRequest.newBuilder().setModel("canvas").setPrompt("a lighthouse")
        .setNegativePrompt("people").setCount(1).setSize("1024x768").setSeed(42).setQuality("premium").build();

    adapter().generateImage(new ProviderRequest<>(request, "amazon.nova-canvas-v1:0", null, "req-1"), sink);

    GenerateImageResponse response = sink.value();
    assertThat(response.getImages(0).getData().toByteArray()).isEqualTo(png);
    assertThat(response.getImages(0).getMimeType()).isEqualTo("image/png");
    RecordedRequest recorded = server.takeRequest(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/model/amazon.nova-canvas-v1%3A0/invoke");
    assertThat(json(recorded.getBody().toByteArray())).isEqualTo(json("""
        {"taskType":"TEXT_IMAGE","textToImageParams":{"text":"a lighthouse","negativeText":"people"},
         "imageGenerationConfig":{"numberOfImages":1,"width":1024,"height":768,"seed":42,"quality":"premium"}}"""));
  }

  private ProviderAdapter adapter() {
    String base = server.url("/").toString();
    return new BedrockAdapter.Factory(shared, BedrockTesting.environment()::get, BedrockTesting.CLOCK)
        .create(BedrockTesting.config(base, Map.of(BedrockSettings.CONTROL_URL_OPTION, base)));
  }

  /** Recomputes, independently of the AWS signer, the signature the recorded request must carry. */
  private static String expectedSignature(RecordedRequest recorded) {
    byte[] body = recorded.getBody() == null ? new byte[0] : recorded.getBody().toByteArray();
    String payloadHash = SigV4Reference.hex(SigV4Reference.sha256(new String(body, StandardCharsets.UTF_8)));
    String path = recorded.getUrl().encodedPath().replace("%", "%25");
    String host = recorded.getUrl().host() + ":" + recorded.getUrl().port();
    boolean hasBody = body.length > 0;
    String canonical = String.join("\n", recorded.getMethod(), path, "",
        (hasBody ? "content-type:application/json\n" : "") + "host:" + host,
        "x-amz-content-sha256:" + payloadHash, "x-amz-date:20250102T030405Z", "",
        (hasBody ? "content-type;" : "") + "host;x-amz-content-sha256;x-amz-date", payloadHash);
    return SigV4Reference.signature(canonical, "20250102T030405Z", "us-east-1", "bedrock", BedrockTesting.SECRET_KEY);
  }
}
