package dev.llmgateway.server.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.ToolCall;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Writes messages in the GenAI conventions' JSON shape ({@code [{"role":…,"parts":[…]}]}) for the
 * content attributes. Images are named by type only; their bytes or URLs are never copied.
 */
final class GenAiContent {
  private static final JsonFactory JSON = new JsonFactory();

  private GenAiContent() {}

  static String inputMessages(List<Message> messages) {
    return write(json -> {
      json.writeStartArray();
      for (Message message : messages) {
        writeMessage(json, message, null);
      }
      json.writeEndArray();
    });
  }

  static String outputMessage(Message message, String finishReason) {
    return write(json -> {
      json.writeStartArray();
      writeMessage(json, message, finishReason);
      json.writeEndArray();
    });
  }

  static String outputText(CharSequence text, String finishReason) {
    return write(json -> {
      json.writeStartArray();
      json.writeStartObject();
      json.writeStringField("role", "assistant");
      json.writeArrayFieldStart("parts");
      writeText(json, text.toString());
      json.writeEndArray();
      json.writeStringField("finish_reason", finishReason);
      json.writeEndObject();
      json.writeEndArray();
    });
  }

  private static void writeMessage(JsonGenerator json, Message message, @Nullable String finishReason) throws IOException {
    json.writeStartObject();
    json.writeStringField("role", role(message.getRole()));
    json.writeArrayFieldStart("parts");
    if (message.getRole() == Role.ROLE_TOOL) {
      json.writeStartObject();
      json.writeStringField("type", "tool_call_response");
      json.writeStringField("id", message.getToolCallId());
      json.writeStringField("response", text(message.getContentList()));
      json.writeEndObject();
    } else {
      for (ContentPart part : message.getContentList()) {
        if (part.hasText()) {
          writeText(json, part.getText());
        } else if (part.hasImage()) {
          json.writeStartObject();
          json.writeStringField("type", "image");
          json.writeEndObject();
        }
      }
    }
    for (ToolCall call : message.getToolCallsList()) {
      json.writeStartObject();
      json.writeStringField("type", "tool_call");
      json.writeStringField("id", call.getId());
      json.writeStringField("name", call.getName());
      json.writeStringField("arguments", call.getArgumentsJson());
      json.writeEndObject();
    }
    json.writeEndArray();
    if (finishReason != null) {
      json.writeStringField("finish_reason", finishReason);
    }
    json.writeEndObject();
  }

  private static void writeText(JsonGenerator json, String text) throws IOException {
    json.writeStartObject();
    json.writeStringField("type", "text");
    json.writeStringField("content", text);
    json.writeEndObject();
  }

  private static String text(List<ContentPart> parts) {
    StringBuilder text = new StringBuilder();
    for (ContentPart part : parts) {
      if (part.hasText()) {
        text.append(part.getText());
      }
    }
    return text.toString();
  }

  private static String role(Role role) {
    return switch (role) {
      case ROLE_SYSTEM -> "system";
      case ROLE_USER -> "user";
      case ROLE_ASSISTANT -> "assistant";
      case ROLE_TOOL -> "tool";
      case ROLE_UNSPECIFIED, UNRECOGNIZED -> "user";
    };
  }

  private static String write(JsonBody body) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      body.writeTo(json);
    } catch (IOException e) {
      // A StringWriter never fails; this only satisfies the generator's signature.
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  @FunctionalInterface
  private interface JsonBody {
    void writeTo(JsonGenerator json) throws IOException;
  }
}
