package dev.llmgateway.server.providers.openai;

import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.v1.GenerateImageRequest;
import dev.llmgateway.v1.ImageDelivery;
import java.util.Locale;
import javax.annotation.Nullable;
import okhttp3.RequestBody;

/**
 * Writes the body of an {@code /images/generations} request (OpenAI, and Azure image deployments, which
 * take the same shape). Pure and thread-safe. Fields the Images API has no place for fail with
 * INVALID_REQUEST naming them, before anything is sent.
 */
final class OpenAiImageRequests {
  private OpenAiImageRequests() {}

  /**
   * Returns the body for {@code request}.
   *
   * @param model the model to name in the body, or null when the URL selects it (Azure deployments)
   * @param upstreamModel the model or deployment the request goes to, which decides whether
   *     {@code response_format} may be sent
   */
  static RequestBody body(GenerateImageRequest request, @Nullable String model, String upstreamModel) {
    if (!request.getNegativePrompt().isEmpty()) {
      throw GatewayException.invalidField("negative_prompt",
          "the OpenAI Images API takes no negative prompt; say what to avoid in the prompt instead");
    }
    if (request.hasSeed()) {
      throw GatewayException.invalidField("seed", "the OpenAI Images API takes no seed");
    }
    return Json.body(out -> {
      out.writeStartObject();
      if (model != null) {
        out.writeStringField("model", model);
      }
      out.writeStringField("prompt", request.getPrompt());
      if (request.hasCount()) {
        out.writeNumberField("n", request.getCount());
      }
      if (!request.getSize().isEmpty()) {
        out.writeStringField("size", request.getSize());
      }
      if (!request.getQuality().isEmpty()) {
        out.writeStringField("quality", request.getQuality());
      }
      if (takesResponseFormat(upstreamModel)) {
        // DALL-E answers with a URL unless asked for the bytes.
        out.writeStringField("response_format",
            request.getDelivery() == ImageDelivery.IMAGE_DELIVERY_URL ? "url" : "b64_json");
      }
      if (!request.getUser().isEmpty()) {
        out.writeStringField("user", request.getUser());
      }
      out.writeEndObject();
    });
  }

  /**
   * Returns whether {@code model} accepts {@code response_format}: only the DALL-E models do. GPT image
   * models always answer in base64 and reject the field, and so may any model this cannot recognise
   * (an Azure deployment is named by its owner), so for those the field is left out and whatever the
   * server sends is returned, bytes or URL.
   */
  static boolean takesResponseFormat(String model) {
    return model.toLowerCase(Locale.ROOT).startsWith("dall-e");
  }
}
