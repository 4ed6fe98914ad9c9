package dev.llmgateway.server.providers.gemini;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.ToolCall;
import java.io.IOException;
import java.util.List;

/**
 * Writes a conversation as Gemini's {@code systemInstruction} and {@code contents}: system messages
 * become the parts of the system instruction; user and assistant messages become {@code user} and
 * {@code model} turns; assistant tool calls become {@code functionCall} parts (with their thought
 * signatures); tool messages become {@code functionResponse} parts of a {@code user} turn, consecutive
 * ones sharing that turn, named after the call they answer because Gemini matches results by name.
 * Pure and thread-safe.
 */
final class GeminiContentWriter {
  private final GeminiPartWriter parts = new GeminiPartWriter();

  /** Writes the {@code systemInstruction} field, or nothing when the conversation has no system text. */
  void writeSystemInstruction(JsonGenerator out, List<Message> messages) throws IOException {
    boolean open = false;
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      if (m.getRole() != Role.ROLE_SYSTEM) {
        continue;
      }
      String text = GeminiPartWriter.textOnly(m, "messages[" + i + "]", "a system message may hold text only");
      if (text.isEmpty()) {
        continue;
      }
      if (!open) {
        out.writeObjectFieldStart("systemInstruction");
        out.writeArrayFieldStart("parts");
        open = true;
      }
      out.writeStartObject();
      out.writeStringField("text", text);
      out.writeEndObject();
    }
    if (open) {
      out.writeEndArray();
      out.writeEndObject();
    }
  }

  /**
   * Writes the {@code contents} field. {@code conversation} must come from {@link GeminiConversation#of}
   * for the same messages, so bad input has already been rejected.
   */
  void writeContents(JsonGenerator out, List<Message> messages, GeminiConversation conversation)
      throws IOException {
    out.writeArrayFieldStart("contents");
    boolean toolTurnOpen = false;
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      String path = "messages[" + i + "]";
      if (m.getRole() == Role.ROLE_SYSTEM) {
        continue;
      }
      if (m.getRole() == Role.ROLE_TOOL) {
        if (!toolTurnOpen) {
          startTurn(out, "user");
          toolTurnOpen = true;
        }
        writeFunctionResponse(out, m, conversation.toolName(i), path);
        continue;
      }
      if (toolTurnOpen) {
        endTurn(out);
        toolTurnOpen = false;
      }
      switch (m.getRole()) {
        case ROLE_USER -> {
          startTurn(out, "user");
          writeParts(out, m, path);
          endTurn(out);
        }
        case ROLE_ASSISTANT -> {
          startTurn(out, "model");
          writeParts(out, m, path);
          for (int j = 0; j < m.getToolCallsCount(); j++) {
            writeFunctionCall(out, m.getToolCalls(j), conversation.arguments(i, j));
          }
          endTurn(out);
        }
        default -> throw GatewayException.invalidField(path + ".role", "must be set");
      }
    }
    if (toolTurnOpen) {
      endTurn(out);
    }
    out.writeEndArray();
  }

  private void writeParts(JsonGenerator out, Message message, String path) throws IOException {
    for (int j = 0; j < message.getContentCount(); j++) {
      ContentPart part = message.getContent(j);
      String partPath = path + ".content[" + j + "]";
      switch (part.getPartCase()) {
        case TEXT -> {
          out.writeStartObject();
          out.writeStringField("text", part.getText());
          out.writeEndObject();
        }
        case IMAGE -> parts.writeImage(out, part.getImage(), partPath + ".image");
        case PART_NOT_SET -> throw GatewayException.invalidField(partPath, "must hold text or an image");
      }
    }
  }

  private static void writeFunctionCall(JsonGenerator out, ToolCall call, JsonNode arguments) throws IOException {
    GeminiToolCallIds.Decoded id = GeminiToolCallIds.decode(call.getId());
    out.writeStartObject();
    out.writeObjectFieldStart("functionCall");
    if (id.geminiId() != null) {
      out.writeStringField("id", id.geminiId());
    }
    out.writeStringField("name", call.getName());
    out.writeFieldName("args");
    out.writeTree(arguments);
    out.writeEndObject();
    if (id.signature() != null) {
      // Gemini 3 refuses a replayed function call without the signature it was issued with.
      out.writeStringField("thoughtSignature", id.signature());
    }
    out.writeEndObject();
  }

  private static void writeFunctionResponse(JsonGenerator out, Message message, String name, String path)
      throws IOException {
    GeminiToolCallIds.Decoded id = GeminiToolCallIds.decode(message.getToolCallId());
    out.writeStartObject();
    out.writeObjectFieldStart("functionResponse");
    if (id.geminiId() != null) {
      out.writeStringField("id", id.geminiId());
    }
    out.writeStringField("name", name);
    out.writeFieldName("response");
    GeminiPartWriter.writeResponseObject(out,
        GeminiPartWriter.textOnly(message, path, "a tool result may hold text only"));
    out.writeEndObject();
    out.writeEndObject();
  }

  private static void startTurn(JsonGenerator out, String role) throws IOException {
    out.writeStartObject();
    out.writeStringField("role", role);
    out.writeArrayFieldStart("parts");
  }

  private static void endTurn(JsonGenerator out) throws IOException {
    out.writeEndArray();
    out.writeEndObject();
  }
}
