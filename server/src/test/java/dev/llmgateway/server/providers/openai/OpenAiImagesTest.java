package dev.llmgateway.server.providers.openai;

import dev.llmgateway.server.testing.FutureSink;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.FieldViolation;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ProviderAdapter;
import dev.llmgateway.server.providers.ProviderRequest;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.server.testing.WireFixture;
import dev.llmgateway.v1.GenerateImageRequest;
import dev.llmgateway.v1.GenerateImageResponse;
import dev.llmgateway.v1.GeneratedImage;
import dev.llmgateway.v1.ImageDelivery;
import dev.llmgateway.v1.Usage;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiImagesTest {
  /** The 1x1 PNG the image fixtures carry. */
  static final byte[] PNG = Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==");

  @StartStop public final MockWebServer server = new MockWebServer();

  private final OkHttpClient shared = new OkHttpClient();

  @AfterEach
  void closeClient() {
    shared.dispatcher().cancelAll();
    shared.connectionPool().evictAll();
  }

  @Test
  void generatesBase64ImagesWithAGptImageModelAndReportsTokenUsage() throws Exception {
    server.enqueue(WireFixture.load("openai", "images-generate-b64", "json").toResponse().build());
    FutureSink<GenerateImageResponse> sink = new FutureSink<>();
    GenerateImageRequest request = GenerateImageRequest.newBuilder().setModel("caller-image").setPrompt("A cute baby sea otter")
        .setCount(1).setSize("1024x1024").setQuality("high").setUser("u-1").putMetadata("team", "blue").build();

    openAi().generateImage(images(request, "gpt-image-1"), sink);

    GenerateImageResponse response = sink.value();
    assertThat(response.getImagesList()).hasSize(1);
    GeneratedImage image = response.getImages(0);
    assertThat(image.getImageCase()).isEqualTo(GeneratedImage.ImageCase.DATA);
    assertThat(image.getData().toByteArray()).isEqualTo(PNG);
    assertThat(image.getMimeType()).isEqualTo("image/png");
    assertThat(image.getRevisedPrompt()).isEmpty();
    assertThat(response.getUsage()).isEqualTo(Usage.newBuilder().setInputTokens(50).setOutputTokens(50)
        .setTotalTokens(100).build());
    assertThat(response.getProvider()).isEqualTo(OpenAiTesting.PROVIDER);
    assertThat(response.getModel()).isEqualTo("gpt-image-1");
    RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(recorded.getMethod()).isEqualTo("POST");
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/v1/images/generations");
    assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + OpenAiTesting.API_KEY);
    assertThat(Json.parse(recorded.getBody().toByteArray())).as("no response_format: GPT image models reject it")
        .isEqualTo(Json.parse("""
            {"model": "gpt-image-1", "prompt": "A cute baby sea otter", "n": 1, "size": "1024x1024",
             "quality": "high", "user": "u-1"}
            """));
  }

  @Test
  void asksDallEForUrlsWhenTheCallerWantsUrls() throws Exception {
    server.enqueue(WireFixture.load("openai", "images-generate-url", "json").toResponse().build());
    FutureSink<GenerateImageResponse> sink = new FutureSink<>();
    GenerateImageRequest request = GenerateImageRequest.newBuilder().setPrompt("A cute baby sea otter").setCount(2)
        .setDelivery(ImageDelivery.IMAGE_DELIVERY_URL).build();

    openAi().generateImage(images(request, "dall-e-2"), sink);

    GenerateImageResponse response = sink.value();
    assertThat(response.getImagesList()).extracting(GeneratedImage::getUrl).containsExactly("https://...", "https://...");
    assertThat(response.getImagesList()).allSatisfy(i -> assertThat(i.getMimeType()).isEqualTo("image/png"));
    assertThat(response.hasUsage()).isFalse();
    JsonNode body = Json.parse(server.takeRequest(5, TimeUnit.SECONDS).getBody().toByteArray());
    assertThat(body.get("response_format").asText()).isEqualTo("url");
    assertThat(body.get("n").asInt()).isEqualTo(2);
  }

  @Test
  void asksDallEForBase64WhenTheCallerWantsBytes() throws Exception {
    server.enqueue(WireFixture.load("openai", "images-generate-b64", "json").toResponse().build());
    FutureSink<GenerateImageResponse> sink = new FutureSink<>();

    openAi().generateImage(images(GenerateImageRequest.newBuilder().setPrompt("otter").build(), "dall-e-3"), sink);

    assertThat(sink.value().getImages(0).getData().toByteArray()).isEqualTo(PNG);
    JsonNode body = Json.parse(server.takeRequest(5, TimeUnit.SECONDS).getBody().toByteArray());
    assertThat(body.get("response_format").asText()).isEqualTo("b64_json");
    assertThat(body.has("n")).isFalse();
  }

  @Test
  void rejectsANegativePromptWithoutCallingTheProvider() throws Exception {
    FutureSink<GenerateImageResponse> sink = new FutureSink<>();

    openAi().generateImage(images(GenerateImageRequest.newBuilder().setPrompt("a beach")
        .setNegativePrompt("people").build(), "gpt-image-1"), sink);

    GatewayException error = sink.error();
    assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(error.violations()).extracting(FieldViolation::field).containsExactly("negative_prompt");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void rejectsASeedWithoutCallingTheProvider() throws Exception {
    FutureSink<GenerateImageResponse> sink = new FutureSink<>();

    openAi().generateImage(images(GenerateImageRequest.newBuilder().setPrompt("a beach").setSeed(7).build(),
        "gpt-image-1"), sink);

    assertThat(sink.error().violations()).extracting(FieldViolation::field).containsExactly("seed");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void mapsTheImageSafetySystemToContentFiltered() throws Exception {
    server.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json").body("""
        {"error": {"message": "Your request was rejected by the safety system. If you believe this is an error, \
        contact us and include the request ID req_123. safety_violations=[violence].",
          "type": "image_generation_user_error", "param": null, "code": "moderation_blocked"}}
        """).build());
    FutureSink<GenerateImageResponse> sink = new FutureSink<>();

    openAi().generateImage(images(GenerateImageRequest.newBuilder().setPrompt("x").build(), "gpt-image-1"), sink);

    GatewayException error = sink.error();
    assertThat(error.kind()).isEqualTo(ErrorKind.CONTENT_FILTERED);
    assertThat(error.violations()).extracting(FieldViolation::field).containsExactly("prompt");
  }

  @Test
  void mapsMalformedBase64ToProtocolError() throws Exception {
    server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
        .body("{\"created\": 1, \"data\": [{\"b64_json\": \"not*base64!\"}]}").build());
    FutureSink<GenerateImageResponse> sink = new FutureSink<>();

    openAi().generateImage(images(GenerateImageRequest.newBuilder().setPrompt("x").build(), "gpt-image-1"), sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
  }

  @Test
  void mapsAnAnswerWithoutImagesToProtocolError() throws Exception {
    server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
        .body("{\"created\": 1, \"data\": []}").build());
    FutureSink<GenerateImageResponse> sink = new FutureSink<>();

    openAi().generateImage(images(GenerateImageRequest.newBuilder().setPrompt("x").build(), "gpt-image-1"), sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
  }

  @Test
  void mapsACutResponseBodyToUnavailable() throws Exception {
    server.enqueue(WireFixture.load("openai", "images-generate-b64", "json").toChunkedResponse(32)
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    FutureSink<GenerateImageResponse> sink = new FutureSink<>();

    openAi().generateImage(images(GenerateImageRequest.newBuilder().setPrompt("x").build(), "gpt-image-1"), sink);

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
  }

  @Test
  void cancelEndsAnImageCallWithCancelled() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    FutureSink<GenerateImageResponse> sink = new FutureSink<>();

    UpstreamCall call = openAi().generateImage(images(GenerateImageRequest.newBuilder().setPrompt("x").build(),
        "gpt-image-1"), sink);
    server.takeRequest(5, TimeUnit.SECONDS);
    call.cancel();

    assertThat(sink.error().kind()).isEqualTo(ErrorKind.CANCELLED);
  }

  private ProviderAdapter openAi() {
    return new OpenAiAdapter.Factory(shared).create(OpenAiTesting.config(server.url("/v1").toString()));
  }

  static ProviderRequest<GenerateImageRequest> images(GenerateImageRequest request, String model) {
    return new ProviderRequest<>(request, model, Duration.ofSeconds(5), "req-4");
  }
}
