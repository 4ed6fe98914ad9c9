package dev.llmgateway.server.api;

import static dev.llmgateway.server.api.Requests.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmgateway.server.testing.GrpcCleanupExtension;
import dev.llmgateway.server.testing.Statuses;
import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.CountTokensRequest;
import dev.llmgateway.v1.CountTokensResponse;
import dev.llmgateway.v1.GenerateImageRequest;
import dev.llmgateway.v1.GenerateImageResponse;
import dev.llmgateway.v1.TokenCountMethod;
import io.grpc.Status;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CountTokens and GenerateImage through the public contract. */
class TokensAndImagesTest {
  @RegisterExtension final GrpcCleanupExtension cleanup = new GrpcCleanupExtension();
  private TestGateway gateway;

  @BeforeEach
  void startGateway() {
    gateway = cleanup.register(TestGateway.start("""
        providers { demo { type = demo, allow-unlisted-models = true } }
        models {
          demo-chat { provider = demo, upstream-model = demo-echo-1, capabilities = [chat] }
          gpt-4o-like { provider = demo, upstream-model = gpt-4o, capabilities = [chat] }
          pinned { provider = demo, upstream-model = house-model, capabilities = [chat], tokenizer = cl100k_base }
          demo-draw { provider = demo, upstream-model = demo-draw-1, capabilities = [image-generation] }
        }
        """));
  }

  private CountTokensResponse count(String model, String text) {
    return gateway.blocking().withDeadlineAfter(60, TimeUnit.SECONDS).countTokens(CountTokensRequest.newBuilder()
        .setModel(model).addMessages(user(text)).build());
  }

  @Test
  void countsWithTheTokenizerOfARecognisedOpenAiModel() {
    CountTokensResponse response = count("gpt-4o-like", "Hello, world!");

    assertThat(response.getMethod()).isEqualTo(TokenCountMethod.TOKEN_COUNT_METHOD_TOKENIZER);
    assertThat(response.getTokenizer()).isEqualTo("o200k_base");
    // "Hello, world!" is 4 o200k tokens, plus 3 for the message and 3 to prime the reply.
    assertThat(response.getInputTokens()).isEqualTo(10);
    assertThat(response.getExact()).isFalse();
    assertThat(response.getProvider()).isEqualTo("demo");
  }

  @Test
  void countsWithAConfiguredTokenizer() {
    CountTokensResponse response = count("pinned", "Hello, world!");

    assertThat(response.getTokenizer()).isEqualTo("cl100k_base");
    assertThat(response.getInputTokens()).isEqualTo(10);
  }

  @Test
  void estimatesWhenNoTokenizerIsKnown() {
    CountTokensResponse response = count("demo-chat", "x".repeat(40));

    assertThat(response.getMethod()).isEqualTo(TokenCountMethod.TOKEN_COUNT_METHOD_ESTIMATE);
    assertThat(response.getInputTokens()).isEqualTo(10 + 4);
  }

  @Test
  void countTokensRejectsWhatCompleteWouldReject() {
    Throwable error = catchThrowable(() -> gateway.blocking().countTokens(CountTokensRequest.newBuilder()
        .setModel("demo-chat").build()));

    assertThat(Status.fromThrowable(error).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(Statuses.violatedFields(error)).containsExactly("messages");
  }

  @Test
  void generatesImagesAsPngBytes() throws Exception {
    GenerateImageResponse response = gateway.blocking().withDeadlineAfter(5, TimeUnit.SECONDS)
        .generateImage(GenerateImageRequest.newBuilder().setModel("demo-draw").setPrompt("a lighthouse")
            .setCount(2).setSize("64x32").build());

    assertThat(response.getImagesList()).hasSize(2);
    assertThat(response.getImages(0).getMimeType()).isEqualTo("image/png");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.getImages(0).getData().toByteArray()));
    assertThat(image.getWidth()).isEqualTo(64);
    assertThat(image.getHeight()).isEqualTo(32);
    assertThat(response.getImages(0).getData()).isNotEqualTo(response.getImages(1).getData());
    assertThat(response.getProvider()).isEqualTo("demo");
  }

  @Test
  void imageRequestsAreValidatedAndNeedAnImageModel() {
    Throwable bad = catchThrowable(() -> gateway.blocking().generateImage(GenerateImageRequest.newBuilder()
        .setModel("demo-draw").setPrompt(" ").setCount(11).setSize("big").build()));
    Throwable wrongModel = catchThrowable(() -> gateway.blocking().generateImage(GenerateImageRequest.newBuilder()
        .setModel("demo-chat").setPrompt("a cat").build()));

    assertThat(Statuses.violatedFields(bad)).containsExactly("prompt", "count", "size");
    assertThat(Status.fromThrowable(wrongModel).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(Status.fromThrowable(wrongModel).getDescription()).contains("IMAGE_GENERATION");
  }
}
