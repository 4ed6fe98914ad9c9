package dev.llmgateway.server.providers.openai;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.google.protobuf.ByteString;
import dev.llmgateway.v1.GenerateImageResponse;
import dev.llmgateway.v1.GeneratedImage;
import dev.llmgateway.v1.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.annotation.Nullable;

/**
 * Reads an {@code /images/generations} response with the streaming parser, decoding each
 * {@code b64_json} straight from the parser into bytes: a response of ten large images would otherwise
 * sit in memory as text, as a tree and as bytes at once. Thread-safe.
 *
 * <p>{@code data[]} holds {@code b64_json} or {@code url}, and {@code revised_prompt} where the model
 * rewrote the prompt (DALL-E 3). GPT image models add {@code output_format}, which names the media type
 * of every image, and token {@code usage}; without a format the images are PNG, the API's default.
 */
final class OpenAiImagesReader {
  /** Standard base64 in one line; padding is taken when present but not demanded. */
  private static final Base64Variant BASE64 =
      Base64Variants.MIME_NO_LINEFEEDS.withReadPadding(Base64Variant.PaddingReadBehaviour.PADDING_ALLOWED);

  private final JsonFactory factory = new JsonFactory();
  private final String provider;
  private final OpenAiErrors errors;

  OpenAiImagesReader(String provider, OpenAiErrors errors) {
    this.provider = provider;
    this.errors = errors;
  }

  /**
   * Reads the response. Throws {@link IOException} when the body cannot be read or is not JSON, and
   * PROVIDER_PROTOCOL_ERROR when it is JSON of the wrong shape.
   *
   * @param model the model to report: the Images API does not name the one that answered
   */
  GenerateImageResponse read(InputStream body, String model) throws IOException {
    List<GeneratedImage.Builder> images = new ArrayList<>();
    String format = "png";
    Usage usage = null;
    try (JsonParser in = factory.createParser(body)) {
      expect(in.nextToken() == JsonToken.START_OBJECT, "the image response is not a JSON object");
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String field = in.currentName();
        JsonToken value = in.nextToken();
        switch (field) {
          case "data" -> readData(in, images);
          case "output_format" -> {
            if (value == JsonToken.VALUE_STRING && !in.getText().isBlank()) {
              format = in.getText().strip().toLowerCase(Locale.ROOT);
            }
          }
          case "usage" -> usage = readUsage(in);
          default -> in.skipChildren();
        }
      }
    }
    expect(!images.isEmpty(), "the image response holds no images");
    String mimeType = "image/" + (format.equals("jpg") ? "jpeg" : format);
    GenerateImageResponse.Builder response = GenerateImageResponse.newBuilder().setProvider(provider).setModel(model);
    for (GeneratedImage.Builder image : images) {
      response.addImages(image.setMimeType(mimeType));
    }
    if (usage != null) {
      response.setUsage(usage);
    }
    return response.build();
  }

  private void readData(JsonParser in, List<GeneratedImage.Builder> images) throws IOException {
    expect(in.currentToken() == JsonToken.START_ARRAY, "data is not an array");
    while (in.nextToken() == JsonToken.START_OBJECT) {
      GeneratedImage.Builder image = GeneratedImage.newBuilder();
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String field = in.currentName();
        JsonToken value = in.nextToken();
        if (value == JsonToken.VALUE_STRING && field.equals("b64_json")) {
          image.setData(ByteString.copyFrom(decode(in)));
        } else if (value == JsonToken.VALUE_STRING && field.equals("url") && !in.getText().isEmpty()) {
          image.setUrl(in.getText());
        } else if (value == JsonToken.VALUE_STRING && field.equals("revised_prompt")) {
          image.setRevisedPrompt(in.getText());
        } else {
          in.skipChildren();
        }
      }
      expect(image.getImageCase() != GeneratedImage.ImageCase.IMAGE_NOT_SET, "an image has neither b64_json nor url");
      images.add(image);
    }
    expect(in.currentToken() == JsonToken.END_ARRAY, "data holds something other than image objects");
  }

  private byte[] decode(JsonParser in) throws IOException {
    try {
      return in.getBinaryValue(BASE64);
    } catch (JsonParseException | IllegalArgumentException e) {
      // Jackson reports bad base64 as either; the JSON itself is fine, its content is not.
      throw errors.protocolError("an image's b64_json is not base64", e);
    }
  }

  @Nullable
  private Usage readUsage(JsonParser in) throws IOException {
    if (in.currentToken() != JsonToken.START_OBJECT) {
      in.skipChildren();
      return null;
    }
    long input = 0;
    long output = 0;
    long total = -1;
    long cached = 0;
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String field = in.currentName();
      JsonToken value = in.nextToken();
      if (value == JsonToken.START_OBJECT && field.equals("input_tokens_details")) {
        cached = cachedTokens(in);
      } else if (value == JsonToken.VALUE_NUMBER_INT) {
        switch (field) {
          case "input_tokens" -> input = count(in);
          case "output_tokens" -> output = count(in);
          case "total_tokens" -> total = count(in);
          default -> { }
        }
      } else {
        in.skipChildren();
      }
    }
    return Usage.newBuilder().setInputTokens(input).setOutputTokens(output)
        .setTotalTokens(total >= 0 ? total : input + output).setCachedInputTokens(cached).build();
  }

  /** Reads {@code input_tokens_details}, whose text and image token counts split the input; only the cached part maps. */
  private long cachedTokens(JsonParser in) throws IOException {
    long cached = 0;
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String field = in.currentName();
      if (in.nextToken() == JsonToken.VALUE_NUMBER_INT && field.equals("cached_tokens")) {
        cached = count(in);
      } else {
        in.skipChildren();
      }
    }
    return cached;
  }

  private long count(JsonParser in) throws IOException {
    try {
      return in.getLongValue();
    } catch (InputCoercionException e) {
      throw errors.protocolError("a token count is out of range", e);
    }
  }

  private void expect(boolean condition, String detail) {
    if (!condition) {
      throw errors.protocolError(detail, null);
    }
  }
}
