package dev.llmgateway.server.providers.openai;

import static dev.llmgateway.server.providers.openai.OpenAiImagesTest.PNG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.server.testing.WireFixture;
import dev.llmgateway.v1.GenerateImageRequest;
import dev.llmgateway.v1.GenerateImageResponse;
import dev.llmgateway.v1.GeneratedImage;
import dev.llmgateway.v1.ImageDelivery;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class OpenAiImagesReaderTest {
  private final OpenAiImagesReader reader = new OpenAiImagesReader(OpenAiTesting.PROVIDER, OpenAiTesting.errors());

  @Test
  void readsTheRecordedBase64AnswerWithUsage() throws IOException {
    GenerateImageResponse response = read(WireFixture.load("openai", "images-generate-b64", "json").bodyText());

    assertThat(response.getImages(0).getData().toByteArray()).isEqualTo(PNG);
    assertThat(response.getImages(0).getMimeType()).isEqualTo("image/png");
    assertThat(response.getUsage().getInputTokens()).isEqualTo(50);
    assertThat(response.getUsage().getOutputTokens()).isEqualTo(50);
    assertThat(response.getUsage().getTotalTokens()).isEqualTo(100);
    assertThat(response.getModel()).isEqualTo("gpt-image-1");
  }

  @Test
  void takesTheMediaTypeFromOutputFormatEvenWhenItFollowsTheImages() throws IOException {
    GenerateImageResponse response = read("{\"data\": [{\"b64_json\": \"" + base64() + "\"}, {\"b64_json\": \""
        + base64() + "\"}], \"output_format\": \"jpeg\"}");

    assertThat(response.getImagesList()).extracting(GeneratedImage::getMimeType).containsExactly("image/jpeg", "image/jpeg");
  }

  @Test
  void readsWebpAndCachedInputTokens() throws IOException {
    GenerateImageResponse response = read("{\"output_format\": \"webp\", \"data\": [{\"b64_json\": \"" + base64()
        + "\"}], \"usage\": {\"input_tokens\": 30, \"output_tokens\": 4160, \"input_tokens_details\": "
        + "{\"text_tokens\": 30, \"image_tokens\": 0, \"cached_tokens\": 12}}}");

    assertThat(response.getImages(0).getMimeType()).isEqualTo("image/webp");
    assertThat(response.getUsage().getTotalTokens()).as("a missing total is the sum").isEqualTo(4190);
    assertThat(response.getUsage().getCachedInputTokens()).isEqualTo(12);
  }

  @Test
  void keepsTheRevisedPromptOfEachImage() throws IOException {
    GenerateImageResponse response = read(WireFixture.load("azure-openai", "images-dall-e-3-url", "json").bodyText());

    assertThat(response.getImages(0).getUrl()).isEqualTo("<URL_to_generated_image>");
    assertThat(response.getImages(0).getRevisedPrompt()).isEqualTo("<prompt_that_was_used>");
    assertThat(response.hasUsage()).isFalse();
  }

  @Test
  void acceptsBase64WithoutPadding() throws IOException {
    String unpadded = base64().replace("=", "");

    assertThat(read("{\"data\": [{\"b64_json\": \"" + unpadded + "\"}]}").getImages(0).getData().toByteArray())
        .isEqualTo(PNG);
  }

  @Test
  void rejectsImagesWithNeitherBytesNorUrl() {
    assertThatThrownBy(() -> read("{\"data\": [{\"revised_prompt\": \"x\"}]}"))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR));
  }

  @Test
  void rejectsAnswersOfTheWrongShape() {
    assertThatThrownBy(() -> read("[]")).isInstanceOf(GatewayException.class);
    assertThatThrownBy(() -> read("{\"data\": {\"b64_json\": \"x\"}}")).isInstanceOf(GatewayException.class);
    assertThatThrownBy(() -> read("{\"data\": [")).isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void writesOnlyTheFieldsTheCallerSet() throws IOException {
    String body = body(GenerateImageRequest.newBuilder().setPrompt("otter").build(), null, "gpt-image-1");

    assertThat(Json.parse(body)).isEqualTo(Json.parse("{\"prompt\": \"otter\"}"));
  }

  @Test
  void decidesResponseFormatByTheModelName() throws IOException {
    GenerateImageRequest urls = GenerateImageRequest.newBuilder().setPrompt("otter")
        .setDelivery(ImageDelivery.IMAGE_DELIVERY_URL).build();

    assertThat(Json.parse(body(urls, "DALL-E-3", "DALL-E-3")).get("response_format").asText()).isEqualTo("url");
    assertThat(Json.parse(body(urls, "gpt-image-1-mini", "gpt-image-1-mini")).has("response_format")).isFalse();
    assertThat(Json.parse(body(GenerateImageRequest.newBuilder().setPrompt("otter")
        .setDelivery(ImageDelivery.IMAGE_DELIVERY_BYTES).build(), null, "dall-e-2")).get("response_format").asText())
        .isEqualTo("b64_json");
  }

  private GenerateImageResponse read(String json) throws IOException {
    return reader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "gpt-image-1");
  }

  private static String body(GenerateImageRequest request, String model, String upstreamModel) throws IOException {
    Buffer buffer = new Buffer();
    OpenAiImageRequests.body(request, model, upstreamModel).writeTo(buffer);
    return buffer.readUtf8();
  }

  private static String base64() {
    return Base64.getEncoder().encodeToString(PNG);
  }
}
