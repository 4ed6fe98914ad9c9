package dev.llmgateway.server.providers.bedrock;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.ImagePart;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.ToolCall;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import javax.annotation.Nullable;

/**
 * Writes the Converse content blocks of one turn: {@code text}, {@code image} (inline bytes only),
 * {@code toolUse} and {@code toolResult}. Pure and thread-safe.
 */
final class BedrockContentWriter {
  private static final String BASE64_MARKER = ";base64";

  /** Writes each content part of {@code message} as a block; {@code path} names the message. */
  void writeParts(JsonGenerator out, Message message, String path) throws IOException {
    for (int j = 0; j < message.getContentCount(); j++) {
      writePart(out, message.getContent(j), path + ".content[" + j + "]");
    }
  }

  /** Writes an assistant's tool call as a {@code toolUse} block with its already parsed arguments. */
  void writeToolUse(JsonGenerator out, ToolCall call, JsonNode arguments) throws IOException {
    out.writeStartObject();
    out.writeObjectFieldStart("toolUse");
    out.writeStringField("toolUseId", call.getId());
    out.writeStringField("name", call.getName());
    out.writeFieldName("input");
    out.writeTree(arguments);
    out.writeEndObject();
    out.writeEndObject();
  }

  /**
   * Writes a tool message as a {@code toolResult} block: text parts as {@code text} items, images as
   * {@code image} items. The contract has no error flag for tool results, so {@code status} is left out.
   */
  void writeToolResult(JsonGenerator out, Message message, String path) throws IOException {
    if (message.getToolCallId().isEmpty()) {
      throw GatewayException.invalidField(path + ".tool_call_id", "is required for a tool message");
    }
    out.writeStartObject();
    out.writeObjectFieldStart("toolResult");
    out.writeStringField("toolUseId", message.getToolCallId());
    out.writeArrayFieldStart("content");
    writeParts(out, message, path);
    out.writeEndArray();
    out.writeEndObject();
    out.writeEndObject();
  }

  private static void writePart(JsonGenerator out, ContentPart part, String path) throws IOException {
    switch (part.getPartCase()) {
      case TEXT -> {
        out.writeStartObject();
        out.writeStringField("text", part.getText());
        out.writeEndObject();
      }
      case IMAGE -> writeImage(out, part.getImage(), path + ".image");
      case PART_NOT_SET -> throw GatewayException.invalidField(path, "must hold text or an image");
    }
  }

  private static void writeImage(JsonGenerator out, ImagePart image, String path) throws IOException {
    switch (image.getSourceCase()) {
      case DATA -> {
        String format = format(image.getMimeType(), path + ".mime_type");
        startImage(out, format);
        ByteString data = image.getData();
        // Encodes straight from the message's bytes: no copy of a possibly large image.
        try (InputStream in = data.newInput()) {
          out.writeBinary(in, data.size());
        }
      }
      case URL -> {
        String url = image.getUrl();
        if (!url.regionMatches(true, 0, "data:", 0, 5)) {
          throw GatewayException.invalidField(path + ".url",
              "Bedrock takes no image URLs: send the image bytes in 'data' (or as a base64 data: URL)");
        }
        int comma = url.indexOf(',');
        String meta = comma < 0 ? "" : url.substring(5, comma);
        if (comma < 0 || !meta.toLowerCase(Locale.ROOT).endsWith(BASE64_MARKER)) {
          throw GatewayException.invalidField(path + ".url",
              "a data: URL must be base64 encoded (data:<type>;base64,...)");
        }
        String type = meta.substring(0, meta.length() - BASE64_MARKER.length());
        startImage(out, format(type.isEmpty() ? image.getMimeType() : type, path + ".url"));
        // The data: URL already holds base64, which is what Bedrock's JSON carries.
        out.writeString(url.substring(comma + 1));
      }
      case SOURCE_NOT_SET -> throw GatewayException.invalidField(path, "must hold a URL or data");
    }
    out.writeEndObject();
    out.writeEndObject();
    out.writeEndObject();
  }

  /** Opens {@code {"image":{"format":...,"source":{"bytes":}} up to the bytes value. */
  private static void startImage(JsonGenerator out, String format) throws IOException {
    out.writeStartObject();
    out.writeObjectFieldStart("image");
    out.writeStringField("format", format);
    out.writeObjectFieldStart("source");
    out.writeFieldName("bytes");
  }

  /** Maps a media type to Bedrock's image format name. */
  private static String format(@Nullable String mimeType, String field) {
    String type = mimeType == null ? "" : mimeType.strip().toLowerCase(Locale.ROOT);
    return switch (type) {
      case "image/png" -> "png";
      case "image/jpeg", "image/jpg" -> "jpeg";
      case "image/gif" -> "gif";
      case "image/webp" -> "webp";
      case "" -> throw GatewayException.invalidField(field, "is required with image data");
      default -> throw GatewayException.invalidField(field,
          "'" + mimeType + "' is not an image type Bedrock takes (image/png, image/jpeg, image/gif, image/webp)");
    };
  }
}
