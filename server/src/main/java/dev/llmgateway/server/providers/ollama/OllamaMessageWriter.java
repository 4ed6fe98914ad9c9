package dev.llmgateway.server.providers.ollama;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.ImagePart;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.ToolCall;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.annotation.Nullable;

/**
 * Writes the {@code messages} of an {@code /api/chat} request. Pure and stateless.
 *
 * <p>Ollama's content is one string: text parts are joined with newlines. Images go in the message's
 * {@code images} array as base64 and only in user messages; Ollama cannot fetch URLs, so an image must
 * come as bytes or as a {@code data:...;base64,} URL. Tool call arguments go as JSON objects, not text.
 * A tool result carries {@code tool_name}, which Ollama's documentation uses to tie it to its call; the
 * contract gives only the call id, so the name is looked up in the assistant turn that made the call,
 * and the id goes along as {@code tool_call_id} for servers that read it.
 */
final class OllamaMessageWriter {

  /** Writes every message, in order; throws INVALID_REQUEST naming the field Ollama cannot express. */
  void write(JsonGenerator out, List<Message> messages) throws IOException {
    out.writeArrayFieldStart("messages");
    for (int i = 0; i < messages.size(); i++) {
      writeMessage(out, messages, i);
    }
    out.writeEndArray();
  }

  private static void writeMessage(JsonGenerator out, List<Message> messages, int i) throws IOException {
    Message message = messages.get(i);
    String path = "messages[" + i + "]";
    out.writeStartObject();
    String role = switch (message.getRole()) {
      case ROLE_SYSTEM -> "system";
      case ROLE_USER -> "user";
      case ROLE_ASSISTANT -> "assistant";
      case ROLE_TOOL -> "tool";
      default -> throw GatewayException.invalidField(path + ".role", "must be set");
    };
    out.writeStringField("role", role);
    StringBuilder text = new StringBuilder();
    boolean images = false;
    List<ContentPart> parts = message.getContentList();
    for (int j = 0; j < parts.size(); j++) {
      ContentPart part = parts.get(j);
      switch (part.getPartCase()) {
        case TEXT -> text.append(text.length() > 0 ? "\n" : "").append(part.getText());
        case IMAGE -> {
          if (!role.equals("user")) {
            throw GatewayException.invalidField(path + ".content[" + j + "].image",
                "Ollama takes images in user messages only");
          }
          images = true;
        }
        default -> throw GatewayException.invalidField(path + ".content[" + j + "]",
            "exactly one of text or image must be set");
      }
    }
    out.writeStringField("content", text.toString());
    if (images) {
      writeImages(out, parts, path);
    }
    if (message.getToolCallsCount() > 0) {
      writeToolCalls(out, message.getToolCallsList(), path);
    }
    if (message.getRole() == Role.ROLE_TOOL) {
      String name = toolName(messages, i, message.getToolCallId());
      if (name != null) {
        out.writeStringField("tool_name", name);
      }
      if (!message.getToolCallId().isEmpty()) {
        out.writeStringField("tool_call_id", message.getToolCallId());
      }
    }
    out.writeEndObject();
  }

  private static void writeImages(JsonGenerator out, List<ContentPart> parts, String path) throws IOException {
    out.writeArrayFieldStart("images");
    for (int j = 0; j < parts.size(); j++) {
      if (parts.get(j).getPartCase() == ContentPart.PartCase.IMAGE) {
        out.writeString(base64(parts.get(j).getImage(), path + ".content[" + j + "].image"));
      }
    }
    out.writeEndArray();
  }

  private static String base64(ImagePart image, String path) {
    switch (image.getSourceCase()) {
      case DATA -> {
        return Base64.getEncoder().encodeToString(image.getData().toByteArray());
      }
      case URL -> {
        String url = image.getUrl();
        int comma = url.indexOf(',');
        if (url.regionMatches(true, 0, "data:", 0, 5) && comma > 0
            && url.substring(0, comma).toLowerCase(Locale.ROOT).endsWith(";base64")) {
          return url.substring(comma + 1);
        }
        throw GatewayException.invalidField(path + ".url",
            "Ollama cannot fetch image URLs; send the image as data (or a data:...;base64, URL)");
      }
      default -> throw GatewayException.invalidField(path, "exactly one of url or data must be set");
    }
  }

  private static void writeToolCalls(JsonGenerator out, List<ToolCall> calls, String path) throws IOException {
    out.writeArrayFieldStart("tool_calls");
    for (int k = 0; k < calls.size(); k++) {
      ToolCall call = calls.get(k);
      out.writeStartObject();
      if (!call.getId().isEmpty()) {
        out.writeStringField("id", call.getId());
      }
      out.writeStringField("type", "function");
      out.writeObjectFieldStart("function");
      out.writeNumberField("index", k);
      out.writeStringField("name", call.getName());
      out.writeFieldName("arguments");
      out.writeTree(arguments(call.getArgumentsJson(), path + ".tool_calls[" + k + "].arguments_json"));
      out.writeEndObject();
      out.writeEndObject();
    }
    out.writeEndArray();
  }

  private static JsonNode arguments(String json, String path) throws IOException {
    JsonNode node;
    try {
      node = Json.parse(json.isBlank() ? "{}" : json);
    } catch (JsonProcessingException e) {
      throw GatewayException.invalidField(path, "is not valid JSON; Ollama takes the arguments as a JSON object");
    }
    if (node == null || !node.isObject()) {
      throw GatewayException.invalidField(path, "Ollama takes tool call arguments as a JSON object");
    }
    return node;
  }

  /** Returns the name of the tool call {@code id} made by the nearest assistant turn before message {@code i}. */
  @Nullable
  private static String toolName(List<Message> messages, int i, String id) {
    if (id.isEmpty()) {
      return null;
    }
    for (int m = i - 1; m >= 0; m--) {
      for (ToolCall call : messages.get(m).getToolCallsList()) {
        if (call.getId().equals(id)) {
          return call.getName();
        }
      }
    }
    return null;
  }
}
