package dev.llmgateway.server.providers.bedrock;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.ToolCall;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import okhttp3.RequestBody;

/**
 * Translates between the gateway's contract and Bedrock's Converse API: request bodies (through
 * {@link BedrockRequestWriter}), whole responses, and a fresh {@link BedrockStreamTranslator} per stream.
 * Pure and thread-safe.
 */
final class BedrockTranslator {
  private final String provider;
  private final BedrockRequestWriter writer;
  private final BedrockErrors errors;

  BedrockTranslator(String provider, BedrockErrors errors) {
    this.provider = requireNonNull(provider, "provider");
    this.writer = new BedrockRequestWriter(provider);
    this.errors = requireNonNull(errors, "errors");
  }

  /** Returns the Converse body; throws INVALID_REQUEST for what Converse cannot express. */
  RequestBody requestBody(CompleteRequest request) {
    return writer.write(request);
  }

  /** Returns the translator for one new stream with completion id {@code id} from {@code model}. */
  BedrockStreamTranslator newStream(String id, String model) {
    return new BedrockStreamTranslator(provider, id, model, errors);
  }

  /**
   * Maps a Converse response: text blocks joined into one text part, {@code toolUse} blocks to tool calls,
   * reasoning, citations and other blocks left out. Converse names no model and no id, so {@code model}
   * (the one requested) and {@code id} (the request id) stand in. Throws PROVIDER_PROTOCOL_ERROR when the
   * answer lacks the message every Converse response has.
   */
  CompleteResponse toResponse(JsonNode body, String id, String model) {
    JsonNode content = body == null ? null : body.path("output").path("message").get("content");
    if (content == null || !content.isArray()) {
      throw errors.protocolError("answered without output.message.content", null);
    }
    StringBuilder text = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode block : content) {
      if (block.has("text")) {
        text.append(requiredText(block, "text"));
      } else if (block.has("toolUse")) {
        JsonNode use = block.get("toolUse");
        JsonNode input = use.get("input");
        calls.add(ToolCall.newBuilder()
            .setId(requiredText(use, "toolUseId"))
            .setName(requiredText(use, "name"))
            .setArgumentsJson(input == null || input.isNull() ? "{}" : input.toString())
            .build());
      }
    }
    Message.Builder message = Message.newBuilder().setRole(Role.ROLE_ASSISTANT).addAllToolCalls(calls);
    if (text.length() > 0) {
      message.addContent(ContentPart.newBuilder().setText(text.toString()));
    }
    String stopReason = optionalText(body, "stopReason");
    return CompleteResponse.newBuilder()
        .setId(id)
        .setMessage(message)
        .setFinishReason(BedrockUsage.finishReason(stopReason))
        .setUpstreamFinishReason(stopReason == null ? "" : stopReason)
        .setUsage(BedrockUsage.fromConverse(body.get("usage")))
        .setProvider(provider)
        .setModel(model)
        .build();
  }

  private String requiredText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw errors.protocolError("answered without a text '" + field + "' field", null);
    }
    return value.asText();
  }

  @Nullable
  static String optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
