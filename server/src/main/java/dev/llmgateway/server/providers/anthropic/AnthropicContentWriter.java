package dev.llmgateway.server.providers.anthropic;

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

/**
 * Writes the content blocks of one turn: {@code text}, {@code image} (inline base64 or a URL),
 * {@code tool_use} and {@code tool_result}. Pure and thread-safe.
 */
final class AnthropicContentWriter {
  private static final String BASE64_MARKER = ";base64";

  /** Writes each content part of {@code message} as a block; {@code path} names the message. */
  void writeParts(JsonGenerator out, Message message, String path) throws IOException {
    for (int j = 0; j < message.getContentCount(); j++) {
      writePart(out, message.getContent(j), path + ".content[" + j + "]");
    }
  }

  /** Writes an assistant's tool call as a {@code tool_use} block with its already parsed arguments. */
  void writeToolUse(JsonGenerator out, ToolCall call, JsonNode arguments) throws IOException {
    out.writeStartObject();
    out.writeStringField("type", "tool_use");
    out.writeStringField("id", call.getId());
    out.writeStringField("name", call.getName());
    out.writeFieldName("input");
    out.writeTree(arguments);
    out.writeEndObject();
  }

  /**
   * Writes a tool message as a {@code tool_result} block. A single text part goes out as a plain string,
   * anything richer as a list of blocks, which Anthropic accepts for text and images alike.
   */
  void writeToolResult(JsonGenerator out, Message message, String path) throws IOException {
    if (message.getToolCallId().isEmpty()) {
      throw GatewayException.invalidField(path + ".tool_call_id", "is required for a tool message");
    }
    out.writeStartObject();
    out.writeStringField("type", "tool_result");
    out.writeStringField("tool_use_id", message.getToolCallId());
    if (message.getContentCount() == 1 && message.getContent(0).hasText()) {
      out.writeStringField("content", message.getContent(0).getText());
    } else if (message.getContentCount() > 0) {
      out.writeArrayFieldStart("content");
      writeParts(out, message, path);
      out.writeEndArray();
    }
    out.writeEndObject();
  }

  private static void writePart(JsonGenerator out, ContentPart part, String path) throws IOException {
    switch (part.getPartCase()) {
      case TEXT -> {
        out.writeStartObject();
        out.writeStringField("type", "text");
        out.writeStringField("text", part.getText());
        out.writeEndObject();
      }
      case IMAGE -> writeImage(out, part.getImage(), path + ".image");
      case PART_NOT_SET -> throw GatewayException.invalidField(path, "must hold text or an image");
    }
  }

  private static void writeImage(JsonGenerator out, ImagePart image, String path) throws IOException {
    out.writeStartObject();
    out.writeStringField("type", "image");
    out.writeObjectFieldStart("source");
    switch (image.getSourceCase()) {
      case DATA -> {
        if (image.getMimeType().isEmpty()) {
          throw GatewayException.invalidField(path + ".mime_type", "is required with image data");
        }
        out.writeStringField("type", "base64");
        out.writeStringField("media_type", image.getMimeType());
        out.writeFieldName("data");
        ByteString data = image.getData();
        // Encodes straight from the message's bytes: no copy of a possibly large image.
        try (InputStream in = data.newInput()) {
          out.writeBinary(in, data.size());
        }
      }
      case URL -> {
        String url = image.getUrl();
        if (url.regionMatches(true, 0, "data:", 0, 5)) {
          // Anthropic fetches only http(s) URLs; a data: URL is inline base64 by another name.
          writeDataUrl(out, url, image.getMimeType(), path + ".url");
        } else {
          out.writeStringField("type", "url");
          out.writeStringField("url", url);
        }
      }
      case SOURCE_NOT_SET -> throw GatewayException.invalidField(path, "must hold a URL or data");
    }
    out.writeEndObject();
    out.writeEndObject();
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
    out.writeStringField("type", "base64");
    out.writeStringField("media_type", type);
    out.writeStringField("data", url.substring(comma + 1));
  }
}
