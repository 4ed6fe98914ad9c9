package dev.llmgateway.server.providers.gemini;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.google.protobuf.ByteString;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.ImagePart;
import dev.llmgateway.v1.Message;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;
import okhttp3.HttpUrl;

/**
 * Writes the parts of a Gemini turn that need more than a field copy: images, as {@code inlineData}
 * (bytes and {@code data:} URLs, base64) or {@code fileData} (http and https URLs, which the Gemini API
 * fetches itself, public or signed), and function results, which Gemini takes only as a JSON object.
 * Pure and thread-safe.
 */
final class GeminiPartWriter {
  /** Reads a whole text as one JSON value: "{} and more" is text, not an object with trailing noise. */
  private static final ObjectReader STRICT_JSON =
      new ObjectMapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final String BASE64_MARKER = ";base64";
  /** Media types by file extension, for image URLs given without one. */
  private static final Map<String, String> IMAGE_TYPES = Map.of(
      "png", "image/png", "jpg", "image/jpeg", "jpeg", "image/jpeg", "gif", "image/gif",
      "webp", "image/webp", "heic", "image/heic", "heif", "image/heif");

  /** Writes an image part; {@code path} names it in errors. */
  void writeImage(JsonGenerator out, ImagePart image, String path) throws IOException {
    switch (image.getSourceCase()) {
      case DATA -> {
        if (image.getMimeType().isEmpty()) {
          throw GatewayException.invalidField(path + ".mime_type", "is required with image data");
        }
        out.writeStartObject();
        out.writeObjectFieldStart("inlineData");
        out.writeStringField("mimeType", image.getMimeType());
        out.writeFieldName("data");
        ByteString data = image.getData();
        // Encodes straight from the message's bytes: no copy of a possibly large image.
        try (InputStream in = data.newInput()) {
          out.writeBinary(in, data.size());
        }
        out.writeEndObject();
        out.writeEndObject();
      }
      case URL -> {
        String url = image.getUrl();
        if (url.regionMatches(true, 0, "data:", 0, 5)) {
          writeDataUrl(out, url, image.getMimeType(), path + ".url");
        } else {
          writeFileData(out, url, image.getMimeType(), path + ".url");
        }
      }
      case SOURCE_NOT_SET -> throw GatewayException.invalidField(path, "must hold a URL or data");
    }
  }

  /** Writes a function result as the object Gemini requires: JSON objects as they are, anything else as {"result": ...}. */
  static void writeResponseObject(JsonGenerator out, String result) throws IOException {
    JsonNode json = parseJson(result);
    if (json != null && json.isObject()) {
      out.writeTree(json);
      return;
    }
    out.writeStartObject();
    out.writeFieldName("result");
    if (json != null) {
      out.writeTree(json);
    } else {
      out.writeString(result);
    }
    out.writeEndObject();
  }

  /** Returns the text of a message that may hold text only, joined; throws naming the first other part. */
  static String textOnly(Message message, String path, String complaint) {
    StringBuilder text = new StringBuilder();
    for (int j = 0; j < message.getContentCount(); j++) {
      ContentPart part = message.getContent(j);
      if (!part.hasText()) {
        throw GatewayException.invalidField(path + ".content[" + j + "]", complaint);
      }
      text.append(part.getText());
    }
    return text.toString();
  }

  /** Returns {@code text} parsed as exactly one JSON value, or null when it is not JSON. */
  @Nullable
  static JsonNode parseJson(String text) {
    if (text.isBlank()) {
      return null;
    }
    try {
      return STRICT_JSON.readTree(text);
    } catch (IOException notJson) {
      // Plain text is an expected answer here; the caller decides what it means.
      return null;
    }
  }

  private static void writeFileData(JsonGenerator out, String url, String mimeType, String field)
      throws IOException {
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      throw GatewayException.invalidField(field, "must be an http(s) or data: URL");
    }
    String type = mimeType.isEmpty() ? guessType(parsed) : mimeType;
    out.writeStartObject();
    out.writeObjectFieldStart("fileData");
    if (type != null) {
      out.writeStringField("mimeType", type);
    }
    out.writeStringField("fileUri", url);
    out.writeEndObject();
    out.writeEndObject();
  }

  @Nullable
  private static String guessType(HttpUrl url) {
    String last = url.pathSegments().get(url.pathSize() - 1);
    int dot = last.lastIndexOf('.');
    return dot < 0 ? null : IMAGE_TYPES.get(last.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static void writeDataUrl(JsonGenerator out, String url, String mimeType, String field)
      throws IOException {
    int comma = url.indexOf(',');
    String meta = comma < 0 ? "" : url.substring(5, comma);
    if (comma < 0 || !meta.toLowerCase(Locale.ROOT).endsWith(BASE64_MARKER)) {
      throw GatewayException.invalidField(field, "a data: URL must be base64 encoded (data:<type>;base64,...)");
    }
    String type = meta.substring(0, meta.length() - BASE64_MARKER.length());
    if (type.isEmpty()) {
      type = mimeType;
    }
    if (type.isEmpty()) {
      throw GatewayException.invalidField(field, "a data: URL must name the image's media type");
    }
    out.writeStartObject();
    out.writeObjectFieldStart("inlineData");
    out.writeStringField("mimeType", type);
    out.writeStringField("data", url.substring(comma + 1));
    out.writeEndObject();
    out.writeEndObject();
  }
}
