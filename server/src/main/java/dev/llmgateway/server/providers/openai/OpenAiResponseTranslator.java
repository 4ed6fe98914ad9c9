package dev.llmgateway.server.providers.openai;

import static dev.llmgateway.server.providers.openai.OpenAiFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.ToolCall;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Translates whole (non-streamed) answers, a chat completion or the model list, from their JSON trees.
 * Pure and thread-safe; anything that does not follow the wire format is PROVIDER_PROTOCOL_ERROR.
 */
final class OpenAiResponseTranslator {
  private final String provider;
  private final OpenAiErrors errors;

  OpenAiResponseTranslator(String provider, OpenAiErrors errors) {
    this.provider = provider;
    this.errors = errors;
  }

  /**
   * Translates a chat completion, reading its first choice (the gateway never asks for more).
   *
   * @param fallbackId the id to use when the server gives none
   * @param fallbackModel the model to report when the server names none: the one that was requested
   */
  CompleteResponse completion(JsonNode root, String fallbackId, String fallbackModel) {
    JsonNode choices = root.path("choices");
    if (!choices.isArray() || choices.isEmpty()) {
      throw errors.protocolError("the completion has no choices", null);
    }
    JsonNode choice = choices.get(0);
    JsonNode message = choice.path("message");
    if (!message.isObject()) {
      throw errors.protocolError("the completion's choice has no message", null);
    }
    Message.Builder answer = Message.newBuilder().setRole(Role.ROLE_ASSISTANT);
    // A refusal comes instead of content; it is what the caller should read.
    String refusal = text(message, "refusal");
    boolean refused = refusal != null && !refusal.isEmpty();
    String content = refused ? refusal : content(message.get("content"));
    if (!content.isEmpty()) {
      answer.addContent(ContentPart.newBuilder().setText(content));
    }
    JsonNode toolCalls = message.path("tool_calls");
    if (toolCalls.isArray()) {
      for (JsonNode call : toolCalls) {
        toolCall(call, answer);
      }
    } else if (!toolCalls.isMissingNode() && !toolCalls.isNull()) {
      throw errors.protocolError("tool_calls is not an array", null);
    }
    String upstreamFinish = text(choice, "finish_reason");
    FinishReason finish = refused ? FinishReason.FINISH_REASON_REFUSAL : OpenAiFields.finishReason(upstreamFinish);
    CompleteResponse.Builder response = CompleteResponse.newBuilder()
        .setId(nonEmpty(text(root, "id"), fallbackId))
        .setMessage(answer)
        .setFinishReason(finish)
        .setUpstreamFinishReason(upstreamFinish == null ? "" : upstreamFinish)
        .setProvider(provider)
        .setModel(nonEmpty(text(root, "model"), fallbackModel));
    JsonNode usage = root.path("usage");
    if (usage.isObject()) {
      response.setUsage(OpenAiFields.usage(usage));
    }
    return response.build();
  }

  /** Returns the model ids of a {@code /models} list, in the server's order. */
  List<String> modelIds(JsonNode root) {
    JsonNode data = root.path("data");
    if (!data.isArray()) {
      throw errors.protocolError("the model list has no data array", null);
    }
    List<String> ids = new ArrayList<>(data.size());
    for (JsonNode model : data) {
      String id = text(model, "id");
      if (id == null || id.isEmpty()) {
        throw errors.protocolError("a model in the list has no id", null);
      }
      ids.add(id);
    }
    return List.copyOf(ids);
  }

  private String content(@Nullable JsonNode content) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.textValue();
    }
    if (content.isArray()) {
      // Some compatible servers answer in the request's part form: [{"type": "text", "text": ...}].
      StringBuilder text = new StringBuilder();
      for (JsonNode part : content) {
        String piece = text(part, "text");
        if (piece != null) {
          text.append(piece);
        }
      }
      return text.toString();
    }
    throw errors.protocolError("the message content is neither text nor parts", null);
  }

  private void toolCall(JsonNode call, Message.Builder answer) {
    String type = text(call, "type");
    if (type != null && !type.equals("function")) {
      // Other tool kinds (OpenAI's custom tools) are never requested by the gateway.
      return;
    }
    JsonNode function = call.path("function");
    String name = text(function, "name");
    if (name == null || name.isEmpty()) {
      throw errors.protocolError("a tool call has no function name", null);
    }
    JsonNode arguments = function.path("arguments");
    // OpenAI sends the arguments as JSON text; a few compatible servers send the object itself.
    String argumentsJson = arguments.isTextual() ? arguments.textValue()
        : arguments.isContainerNode() ? arguments.toString() : "";
    String id = text(call, "id");
    answer.addToolCalls(ToolCall.newBuilder()
        .setId(id == null ? "" : id)
        .setName(name)
        .setArgumentsJson(argumentsJson));
  }

  private static String nonEmpty(@Nullable String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }
}
