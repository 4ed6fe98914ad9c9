package dev.llmgateway.server.providers.openai;

import dev.llmgateway.server.testing.FutureSink;
import static dev.llmgateway.server.providers.openai.OpenAiImagesTest.PNG;
import static dev.llmgateway.server.providers.openai.OpenAiImagesTest.images;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.FieldViolation;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ProviderAdapter;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.server.testing.WireFixture;
import dev.llmgateway.v1.GenerateImageRequest;
import dev.llmgateway.v1.GenerateImageResponse;
import dev.llmgateway.v1.GeneratedImage;
import dev.llmgateway.v1.ImageDelivery;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AzureOpenAiImagesTest {
  @StartStop public final MockWebServer server = new MockWebServer();

  private final OkHttpClient shared = new OkHttpClient();

  @AfterEach
  void closeClient() {
    shared.dispatcher().cancelAll();
    shared.connectionPool().evictAll();
  }

  @Test
  void generatesOnAnAzureGptImageDeploymentWithTheImageApiVersion() throws Exception {
    server.enqueue(WireFixture.load("azure-openai", "images-gpt-image-1-b64", "json").toResponse().build());
    FutureSink<GenerateImageResponse> sink = new FutureSink<>();

    azure(Map.of("image-api-version", "2025-04-01-preview")).generateImage(images(GenerateImageRequest.newBuilder()
        .setPrompt("A multi-colored umbrella on the beach, disposable camera").setSize("1024x1024").setQuality("high")
        .setCount(1).build(), "gpt-image-1"), sink);

    GenerateImageResponse response = sink.value();
    assertThat(response.getImages(0).getData().toByteArray()).isEqualTo(PNG);
    assertThat(response.getImages(0).getMimeType()).isEqualTo("image/png");
    assertThat(response.getModel()).isEqualTo("gpt-image-1");
    assertThat(response.hasUsage()).isFalse();
    RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/openai/deployments/gpt-image-1/images/generations");
    assertThat(recorded.getUrl().query()).isEqualTo("api-version=2025-04-01-preview");
    assertThat(recorded.getHeaders().get("api-key")).isEqualTo(OpenAiTesting.API_KEY);
    assertThat(Json.parse(recorded.getBody().toByteArray())).isEqualTo(Json.parse("""
        {"prompt": "A multi-colored umbrella on the beach, disposable camera", "n": 1, "size": "1024x1024",
         "quality": "high"}
        """));
  }

  @Test
  void generatesOnAnAzureDallE3DeploymentWithTheRevisedPrompt() throws Exception {
    server.enqueue(WireFixture.load("azure-openai", "images-dall-e-3-url", "json").toResponse().build());
    FutureSink<GenerateImageResponse> sink = new FutureSink<>();

    azure(Map.of()).generateImage(images(GenerateImageRequest.newBuilder().setPrompt("umbrella")
        .setDelivery(ImageDelivery.IMAGE_DELIVERY_URL).build(), "dall-e-3"), sink);

    GeneratedImage image = sink.value().getImages(0);
    assertThat(image.getUrl()).isEqualTo("<URL_to_generated_image>");
    assertThat(image.getRevisedPrompt()).isEqualTo("<prompt_that_was_used>");
    RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(recorded.getUrl().queryParameter("api-version")).isEqualTo("2024-10-21");
    assertThat(Json.parse(recorded.getBody().toByteArray()).get("response_format").asText()).isEqualTo("url");
  }

  @Test
  void mapsTheAzureImageFilterToContentFiltered() throws Exception {
    server.enqueue(WireFixture.load("azure-openai", "error-400-image-content-filter", "json").toResponse().build());
    FutureSink<GenerateImageResponse> sink = new FutureSink<>();

    azure(Map.of()).generateImage(images(GenerateImageRequest.newBuilder().setPrompt("x").build(), "dall-e-3"), sink);

    GatewayException error = sink.error();
    assertThat(error.kind()).isEqualTo(ErrorKind.CONTENT_FILTERED);
    assertThat(error.upstreamStatus()).isEqualTo(400);
    assertThat(error.getMessage()).contains("safety system");
    assertThat(error.violations()).extracting(FieldViolation::field).containsExactly("prompt");
  }

  @Test
  void generatesOnTheAzureV1ApiNamingTheDeployment() throws Exception {
    server.enqueue(WireFixture.load("azure-openai", "images-gpt-image-1-b64", "json").toResponse().build());
    FutureSink<GenerateImageResponse> sink = new FutureSink<>();

    azure(Map.of("api", "v1")).generateImage(images(GenerateImageRequest.newBuilder().setPrompt("x").build(),
        "images-prod"), sink);

    sink.value();
    RecordedRequest recorded = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(recorded.getUrl().encodedPath()).isEqualTo("/openai/v1/images/generations");
    JsonNode body = Json.parse(recorded.getBody().toByteArray());
    assertThat(body.get("model").asText()).isEqualTo("images-prod");
    assertThat(body.has("response_format")).as("a deployment name says nothing about the model").isFalse();
  }

  private ProviderAdapter azure(Map<String, String> options) {
    return new AzureOpenAiAdapter.Factory(shared).create(OpenAiTesting.azure(server.url("/").toString(), options));
  }
}
