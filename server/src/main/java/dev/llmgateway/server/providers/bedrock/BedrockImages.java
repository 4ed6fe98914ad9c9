package dev.llmgateway.server.providers.bedrock;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.v1.GenerateImageRequest;
import dev.llmgateway.v1.GenerateImageResponse;
import dev.llmgateway.v1.GeneratedImage;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.RequestBody;

/**
 * Speaks the InvokeModel text-to-image body shared by Amazon Nova Canvas and Titan Image Generator
 * ({@code {taskType: TEXT_IMAGE, textToImageParams, imageGenerationConfig}}, answered with base64 PNGs in
 * {@code images}). Bedrock hosts no image URLs, so images always come back as bytes. Pure and thread-safe.
 */
final class BedrockImages {
  private static final Pattern SIZE = Pattern.compile("(\\d{2,5})x(\\d{2,5})");

  private final String provider;
  private final BedrockErrors errors;

  BedrockImages(String provider, BedrockErrors errors) {
    this.provider = requireNonNull(provider, "provider");
    this.errors = requireNonNull(errors, "errors");
  }

  /** Returns the body for {@code request}; throws INVALID_REQUEST for what the models cannot express. */
  RequestBody requestBody(GenerateImageRequest request, String model) {
    String base = BedrockModelIds.baseModel(model);
    if (!base.startsWith("amazon.nova-canvas") && !base.startsWith("amazon.titan-image-generator")) {
      throw GatewayException.invalidField("model", "provider '" + provider + "' draws images only with"
          + " amazon.nova-canvas-* and amazon.titan-image-generator-* models");
    }
    Matcher size = SIZE.matcher(request.getSize());
    if (!request.getSize().isEmpty() && !size.matches()) {
      throw GatewayException.invalidField("size", "expected WIDTHxHEIGHT in pixels, e.g. 1024x1024");
    }
    return Json.body(out -> {
      out.writeStartObject();
      out.writeStringField("taskType", "TEXT_IMAGE");
      out.writeObjectFieldStart("textToImageParams");
      out.writeStringField("text", request.getPrompt());
      if (!request.getNegativePrompt().isEmpty()) {
        out.writeStringField("negativeText", request.getNegativePrompt());
      }
      out.writeEndObject();
      out.writeObjectFieldStart("imageGenerationConfig");
      out.writeNumberField("numberOfImages", request.hasCount() ? request.getCount() : 1);
      if (!request.getSize().isEmpty()) {
        out.writeNumberField("width", Integer.parseInt(size.group(1)));
        out.writeNumberField("height", Integer.parseInt(size.group(2)));
      }
      if (request.hasSeed()) {
        out.writeNumberField("seed", request.getSeed());
      }
      if (!request.getQuality().isEmpty()) {
        out.writeStringField("quality", request.getQuality());
      }
      out.writeEndObject();
      out.writeEndObject();
    });
  }

  /**
   * Maps the answer: each base64 string in {@code images} becomes a PNG. An {@code error} without images
   * (the models' content filter) fails with CONTENT_FILTERED.
   */
  GenerateImageResponse toResponse(JsonNode body, String model) {
    JsonNode images = body == null ? null : body.get("images");
    String error = body == null ? null : BedrockTranslator.optionalText(body, "error");
    if ((images == null || !images.isArray() || images.isEmpty()) && error != null) {
      throw GatewayException.builder(ErrorKind.CONTENT_FILTERED,
          "provider '" + provider + "' withheld the images (content filter)").provider(provider).build();
    }
    if (images == null || !images.isArray()) {
      throw errors.protocolError("answered without an images list", null);
    }
    GenerateImageResponse.Builder response = GenerateImageResponse.newBuilder().setProvider(provider).setModel(model);
    for (JsonNode image : images) {
      if (!image.isTextual()) {
        throw errors.protocolError("answered with an image that is not base64 text", null);
      }
      byte[] png;
      try {
        png = Base64.getDecoder().decode(image.asText());
      } catch (IllegalArgumentException e) {
        throw errors.protocolError("answered with an image that is not valid base64", e);
      }
      response.addImages(GeneratedImage.newBuilder().setData(ByteString.copyFrom(png)).setMimeType("image/png"));
    }
    return response.build();
  }
}
