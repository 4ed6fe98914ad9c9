package dev.llmgateway.server.providers.openai;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.server.providers.http.StructJson;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.ImagePart;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.Tool;
import dev.llmgateway.v1.ToolCall;
import dev.llmgateway.v1.ToolChoice;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import javax.annotation.Nullable;
import okhttp3.RequestBody;

/**
 * Writes the bodies of chat-completions and embeddings requests from the gateway's requests, with the
 * streaming generator. Pure and thread-safe. Input the wire format cannot express fails with
 * INVALID_REQUEST naming the field, before anything is sent.
 */
final class OpenAiTranslator {
  private final String maxTokensField;
  private final OpenAiResponseFormats.Style jsonForm;

  OpenAiTranslator(String maxTokensField) {
    this(maxTokensField, OpenAiResponseFormats.Style.OPENAI);
  }

  OpenAiTranslator(String maxTokensField, OpenAiResponseFormats.Style jsonForm) {
    this.maxTokensField = maxTokensField;
    this.jsonForm = jsonForm;
  }

  /**
   * Returns the {@code /chat/completions} body for {@code request}, sent as {@code model}; with a null
   * model the body names none, for URLs that already select it (Azure deployments).
   */
  RequestBody chatBody(CompleteRequest request, @Nullable String model, boolean stream) {
    return Json.body(out -> writeChat(out, request, model, stream));
  }

  /** Returns the {@code /embeddings} body for {@code request}, sent as {@code model} (null: none, as above). */
  RequestBody embeddingsBody(EmbedRequest request, @Nullable String model) {
    return Json.body(out -> {
      out.writeStartObject();
      if (model != null) {
        out.writeStringField("model", model);
      }
      out.writeArrayFieldStart("input");
      for (String input : request.getInputsList()) {
        out.writeString(input);
      }
      out.writeEndArray();
      if (request.hasDimensions()) {
        out.writeNumberField("dimensions", request.getDimensions());
      }
      // Official SDKs ask for base64 unless told otherwise; floats are what we parse.
      out.writeStringField("encoding_format", "float");
      if (!request.getUser().isEmpty()) {
        out.writeStringField("user", request.getUser());
      }
      out.writeEndObject();
    });
  }

  /**
   * Returns the body of Text Embeddings Inference's native {@code /embed}: {@code inputs}, and
   * {@code dimensions} when the caller wants shorter vectors (newer TEI versions cut Matryoshka models).
   */
  RequestBody teiEmbedBody(EmbedRequest request) {
    return Json.body(out -> {
      out.writeStartObject();
      out.writeArrayFieldStart("inputs");
      for (String input : request.getInputsList()) {
        out.writeString(input);
      }
      out.writeEndArray();
      if (request.hasDimensions()) {
        out.writeNumberField("dimensions", request.getDimensions());
      }
      out.writeEndObject();
    });
  }

  private void writeChat(JsonGenerator out, CompleteRequest request, @Nullable String model, boolean stream)
      throws IOException {
    out.writeStartObject();
    if (model != null) {
      out.writeStringField("model", model);
    }
    out.writeArrayFieldStart("messages");
    for (int i = 0; i < request.getMessagesCount(); i++) {
      writeMessage(out, request.getMessages(i), i);
    }
    out.writeEndArray();
    if (request.getToolsCount() > 0) {
      out.writeArrayFieldStart("tools");
      for (Tool tool : request.getToolsList()) {
        writeTool(out, tool);
      }
      out.writeEndArray();
    }
    writeToolChoice(out, request.getToolChoice());
    OpenAiResponseFormats.write(out, request.getResponseFormat(), jsonForm);
    if (request.hasTemperature()) {
      out.writeNumberField("temperature", request.getTemperature());
    }
    if (request.hasTopP()) {
      out.writeNumberField("top_p", request.getTopP());
    }
    if (request.hasMaxOutputTokens()) {
      out.writeNumberField(maxTokensField, request.getMaxOutputTokens());
    }
    if (request.getStopCount() > 0) {
      out.writeArrayFieldStart("stop");
      for (String stop : request.getStopList()) {
        out.writeString(stop);
      }
      out.writeEndArray();
    }
    if (request.hasSeed()) {
      out.writeNumberField("seed", request.getSeed());
    }
    if (!request.getUser().isEmpty()) {
      out.writeStringField("user", request.getUser());
    }
    if (stream) {
      out.writeBooleanField("stream", true);
      // Without this OpenAI sends no usage at all in a stream.
      out.writeObjectFieldStart("stream_options");
      out.writeBooleanField("include_usage", true);
      out.writeEndObject();
    }
    out.writeEndObject();
  }

  private static void writeMessage(JsonGenerator out, Message message, int i) throws IOException {
    out.writeStartObject();
    switch (message.getRole()) {
      case ROLE_SYSTEM -> out.writeStringField("role", "system");
      case ROLE_USER -> out.writeStringField("role", "user");
      case ROLE_ASSISTANT -> out.writeStringField("role", "assistant");
      case ROLE_TOOL -> {
        out.writeStringField("role", "tool");
        out.writeStringField("tool_call_id", message.getToolCallId());
      }
      default -> throw GatewayException.invalidField("messages[" + i + "].role", "must be set");
    }
    out.writeFieldName("content");
    writeContent(out, message, i);
    // OpenAI defines name for system, user and assistant messages only; tool messages reject it.
    if (!message.getName().isEmpty() && message.getRole() != Role.ROLE_TOOL) {
      out.writeStringField("name", message.getName());
    }
    if (message.getToolCallsCount() > 0) {
      out.writeArrayFieldStart("tool_calls");
      for (ToolCall call : message.getToolCallsList()) {
        out.writeStartObject();
        out.writeStringField("id", call.getId());
        out.writeStringField("type", "function");
        out.writeObjectFieldStart("function");
        out.writeStringField("name", call.getName());
        // The field is required and must hold a JSON object's text, even for a call without arguments.
        out.writeStringField("arguments", call.getArgumentsJson().isEmpty() ? "{}" : call.getArgumentsJson());
        out.writeEndObject();
        out.writeEndObject();
      }
      out.writeEndArray();
    }
    out.writeEndObject();
  }

  /**
   * Writes content as a plain string when it is one text part, the form every compatible server
   * accepts for every role, and as an array of parts otherwise. An assistant turn with only tool calls
   * has null content, as OpenAI itself returns it.
   */
  private static void writeContent(JsonGenerator out, Message message, int i) throws IOException {
    List<ContentPart> parts = message.getContentList();
    if (parts.isEmpty()) {
      if (message.getToolCallsCount() > 0) {
        out.writeNull();
      } else {
        out.writeString("");
      }
      return;
    }
    if (parts.size() == 1 && parts.get(0).getPartCase() == ContentPart.PartCase.TEXT) {
      out.writeString(parts.get(0).getText());
      return;
    }
    out.writeStartArray();
    for (int j = 0; j < parts.size(); j++) {
      ContentPart part = parts.get(j);
      String path = "messages[" + i + "].content[" + j + "]";
      out.writeStartObject();
      switch (part.getPartCase()) {
        case TEXT -> {
          out.writeStringField("type", "text");
          out.writeStringField("text", part.getText());
        }
        case IMAGE -> {
          out.writeStringField("type", "image_url");
          out.writeObjectFieldStart("image_url");
          writeImage(out, part.getImage(), path + ".image");
          out.writeEndObject();
        }
        default -> throw GatewayException.invalidField(path, "exactly one of text or image must be set");
      }
      out.writeEndObject();
    }
    out.writeEndArray();
  }

  private static void writeImage(JsonGenerator out, ImagePart image, String path) throws IOException {
    switch (image.getSourceCase()) {
      case URL -> out.writeStringField("url", image.getUrl());
      case DATA -> {
        if (image.getMimeType().isEmpty()) {
          throw GatewayException.invalidField(path + ".mime_type", "is required with image data");
        }
        // OpenAI takes inline images only as data: URLs.
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
  }

  private static void writeTool(JsonGenerator out, Tool tool) throws IOException {
    out.writeStartObject();
    out.writeStringField("type", "function");
    out.writeObjectFieldStart("function");
    out.writeStringField("name", tool.getName());
    if (!tool.getDescription().isEmpty()) {
      out.writeStringField("description", tool.getDescription());
    }
    if (tool.hasParameters()) {
      out.writeFieldName("parameters");
      StructJson.write(out, tool.getParameters());
    }
    // Only sent when asked for: some compatible servers reject fields they do not know.
    if (tool.getStrict()) {
      out.writeBooleanField("strict", true);
    }
    out.writeEndObject();
    out.writeEndObject();
  }

  private static void writeToolChoice(JsonGenerator out, ToolChoice choice) throws IOException {
    switch (choice.getMode()) {
      case MODE_AUTO -> out.writeStringField("tool_choice", "auto");
      case MODE_NONE -> out.writeStringField("tool_choice", "none");
      case MODE_REQUIRED -> out.writeStringField("tool_choice", "required");
      case MODE_TOOL -> {
        out.writeObjectFieldStart("tool_choice");
        out.writeStringField("type", "function");
        out.writeObjectFieldStart("function");
        out.writeStringField("name", choice.getToolName());
        out.writeEndObject();
        out.writeEndObject();
      }
      default -> { }
    }
  }
}
