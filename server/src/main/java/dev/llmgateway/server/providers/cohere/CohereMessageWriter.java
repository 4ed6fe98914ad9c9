package dev.llmgateway.server.providers.cohere;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.ImagePart;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.ToolCall;
import java.io.IOException;
import java.util.Base64;
import java.util.List;

/**
 * Writes the {@code messages} of a v2 chat request. Pure and stateless.
 *
 * <p>Content that is one text part goes out as a plain string, anything else as an array of
 * {@code {"type": "text"}} and {@code {"type": "image_url"}} items. Images are accepted in user
 * messages only, as Cohere's vision models take them: {@code {"image_url": {"url", "detail"}}} where the
 * URL is an https URL Cohere fetches or a {@code data:<mime>;base64,} URL built from inline bytes.
 *
 * <p>An assistant turn that made tool calls is written as Cohere returns it, {@code tool_plan} plus
 * {@code tool_calls} and no content: the adapter surfaces the model's tool plan as the answer's text, so
 * that text goes back as the plan.
 */
final class CohereMessageWriter {

  /** Writes every message, in order; throws INVALID_REQUEST naming the field Cohere cannot express. */
  void write(JsonGenerator out, List<Message> messages) throws IOException {
    out.writeArrayFieldStart("messages");
    for (int i = 0; i < messages.size(); i++) {
      writeMessage(out, messages.get(i), "messages[" + i + "]");
    }
    out.writeEndArray();
  }

  private static void writeMessage(JsonGenerator out, Message message, String path) throws IOException {
    out.writeStartObject();
    switch (message.getRole()) {
      case ROLE_SYSTEM -> {
        out.writeStringField("role", "system");
        writeContent(out, message.getContentList(), path, false);
      }
      case ROLE_USER -> {
        out.writeStringField("role", "user");
        writeContent(out, message.getContentList(), path, true);
      }
      case ROLE_ASSISTANT -> writeAssistant(out, message, path);
      case ROLE_TOOL -> {
        out.writeStringField("role", "tool");
        out.writeStringField("tool_call_id", message.getToolCallId());
        writeContent(out, message.getContentList(), path, false);
      }
      default -> throw GatewayException.invalidField(path + ".role", "must be set");
    }
    out.writeEndObject();
  }

  private static void writeAssistant(JsonGenerator out, Message message, String path) throws IOException {
    out.writeStringField("role", "assistant");
    if (message.getToolCallsCount() == 0) {
      writeContent(out, message.getContentList(), path, false);
      return;
    }
    String plan = joinedText(message.getContentList(), path);
    if (!plan.isEmpty()) {
      out.writeStringField("tool_plan", plan);
    }
    out.writeArrayFieldStart("tool_calls");
    for (ToolCall call : message.getToolCallsList()) {
      out.writeStartObject();
      out.writeStringField("id", call.getId());
      out.writeStringField("type", "function");
      out.writeObjectFieldStart("function");
      out.writeStringField("name", call.getName());
      // Cohere parses the arguments text as a JSON object: a call without arguments still needs "{}".
      out.writeStringField("arguments", call.getArgumentsJson().isEmpty() ? "{}" : call.getArgumentsJson());
      out.writeEndObject();
      out.writeEndObject();
    }
    out.writeEndArray();
  }

  private static void writeContent(JsonGenerator out, List<ContentPart> parts, String path, boolean imagesAllowed)
      throws IOException {
    if (parts.isEmpty()) {
      out.writeStringField("content", "");
      return;
    }
    if (parts.size() == 1 && parts.get(0).getPartCase() == ContentPart.PartCase.TEXT) {
      out.writeStringField("content", parts.get(0).getText());
      return;
    }
    out.writeArrayFieldStart("content");
    for (int j = 0; j < parts.size(); j++) {
      ContentPart part = parts.get(j);
      String partPath = path + ".content[" + j + "]";
      out.writeStartObject();
      switch (part.getPartCase()) {
        case TEXT -> {
          out.writeStringField("type", "text");
          out.writeStringField("text", part.getText());
        }
        case IMAGE -> {
          if (!imagesAllowed) {
            throw GatewayException.invalidField(partPath + ".image", "Cohere takes images in user messages only");
          }
          writeImage(out, part.getImage(), partPath + ".image");
        }
        default -> throw GatewayException.invalidField(partPath, "exactly one of text or image must be set");
      }
      out.writeEndObject();
    }
    out.writeEndArray();
  }

  private static void writeImage(JsonGenerator out, ImagePart image, String path) throws IOException {
    out.writeStringField("type", "image_url");
    out.writeObjectFieldStart("image_url");
    switch (image.getSourceCase()) {
      case URL -> out.writeStringField("url", image.getUrl());
      case DATA -> {
        if (image.getMimeType().isEmpty()) {
          throw GatewayException.invalidField(path + ".mime_type", "is required with image data");
        }
        out.writeStringField("url", "data:" + image.getMimeType() + ";base64,"
            + Base64.getEncoder().encodeToString(image.getData().toByteArray()));
      }
      default -> throw GatewayException.invalidField(path, "exactly one of url or data must be set");
    }
    switch (image.getDetail()) {
      case IMAGE_DETAIL_LOW -> out.writeStringField("detail", "low");
      case IMAGE_DETAIL_HIGH -> out.writeStringField("detail", "high");
      default -> { }
    }
    out.writeEndObject();
  }

  private static String joinedText(List<ContentPart> parts, String path) {
    StringBuilder text = new StringBuilder();
    for (int j = 0; j < parts.size(); j++) {
      ContentPart part = parts.get(j);
      if (part.getPartCase() != ContentPart.PartCase.TEXT) {
        throw GatewayException.invalidField(path + ".content[" + j + "]",
            "an assistant turn with tool calls may carry text only");
      }
      text.append(part.getText());
    }
    return text.toString();
  }
}
