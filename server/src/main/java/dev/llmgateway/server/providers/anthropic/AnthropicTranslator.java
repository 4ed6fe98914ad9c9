package dev.llmgateway.server.providers.anthropic;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.CountTokensRequest;
import dev.llmgateway.v1.CountTokensResponse;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.TokenCountMethod;
import dev.llmgateway.v1.ToolCall;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import okhttp3.RequestBody;

/**
 * Translates between the gateway's contract and Anthropic's Messages API: request bodies (through
 * {@link AnthropicRequestWriter}), whole responses, token counts, model lists, and a fresh
 * {@link AnthropicStreamTranslator} per stream. Pure and thread-safe.
 */
final class AnthropicTranslator {
  private final String provider;
  private final AnthropicRequestWriter writer;
  private final AnthropicErrors errors;

  AnthropicTranslator(String provider, int defaultMaxTokens, AnthropicErrors errors) {
    this.provider = requireNonNull(provider, "provider");
    this.writer = new AnthropicRequestWriter(provider, defaultMaxTokens);
    this.errors = requireNonNull(errors, "errors");
  }

  /** Returns the {@code POST /messages} body; throws INVALID_REQUEST for what Anthropic cannot express. */
  RequestBody requestBody(CompleteRequest request, String model, boolean stream) {
    return writer.write(request, model, stream);
  }

  /**
   * Returns the {@code POST /messages/count_tokens} body; throws INVALID_REQUEST for what Anthropic cannot
   * express.
   */
  RequestBody countBody(CountTokensRequest request, String model) {
    return writer.writeCount(request, model);
  }

  /**
   * Maps a count answer ({@code {"input_tokens": N}}) to the contract; {@code model} is the upstream model
   * counted for, since the answer does not name it. Throws PROVIDER_PROTOCOL_ERROR when the count is
   * missing or not a non-negative whole number.
   */
  CountTokensResponse toCount(JsonNode body, String model) {
    JsonNode tokens = body == null ? null : body.get("input_tokens");
    if (tokens == null || !tokens.isIntegralNumber() || !tokens.canConvertToLong() || tokens.asLong() < 0) {
      throw errors.protocolError("answered the token count without a whole number of input_tokens", null);
    }
    return CountTokensResponse.newBuilder()
        .setInputTokens(tokens.asLong())
        .setExact(true)
        .setMethod(TokenCountMethod.TOKEN_COUNT_METHOD_PROVIDER)
        .setProvider(provider)
        .setModel(model)
        .build();
  }

  /**
   * Returns the translator for one new stream; {@code requestedModel} names the model when the stream
   * does not.
   */
  AnthropicStreamTranslator newStream(String requestedModel) {
    return new AnthropicStreamTranslator(provider, requestedModel, errors);
  }

  /**
   * Maps a {@code message} object to the contract: text blocks joined into one text part, {@code tool_use}
   * blocks to tool calls, other blocks (thinking, server tools) left out; {@code requestedModel} names
   * the model when the answer does not. Throws PROVIDER_PROTOCOL_ERROR when the answer lacks what every
   * message has.
   */
  CompleteResponse toResponse(JsonNode body, String requestedModel) {
    if (body == null || !body.isObject()) {
      throw errors.protocolError("answered with a body that is not a message object", null);
    }
    String id = requiredText(body, "id");
    JsonNode content = body.get("content");
    if (content == null || !content.isArray()) {
      throw errors.protocolError("answered with a message without a content array", null);
    }
    StringBuilder text = new StringBuilder();
    List<ToolCall> calls = new ArrayList<>();
    for (JsonNode block : content) {
      String type = block.path("type").asText("");
      if (type.equals("text")) {
        text.append(requiredText(block, "text"));
      } else if (type.equals("tool_use")) {
        JsonNode input = block.get("input");
        calls.add(ToolCall.newBuilder()
            .setId(requiredText(block, "id"))
            .setName(requiredText(block, "name"))
            .setArgumentsJson(input == null || input.isNull() ? "{}" : input.toString())
            .build());
      }
    }
    Message.Builder message = Message.newBuilder().setRole(Role.ROLE_ASSISTANT).addAllToolCalls(calls);
    if (text.length() > 0) {
      message.addContent(ContentPart.newBuilder().setText(text.toString()));
    }
    String stopReason = optionalText(body, "stop_reason");
    AnthropicUsage usage = new AnthropicUsage();
    usage.merge(body.path("usage"));
    return CompleteResponse.newBuilder()
        .setId(id)
        .setMessage(message)
        .setFinishReason(finishReason(stopReason))
        .setUpstreamFinishReason(stopReason == null ? "" : stopReason)
        .setUsage(usage.toProto())
        .setProvider(provider)
        .setModel(body.path("model").asText(requestedModel))
        .build();
  }

  /**
   * Returns the model ids of one {@code GET /models} page. Throws PROVIDER_PROTOCOL_ERROR when the page
   * has no {@code data} list.
   */
  List<String> modelIds(JsonNode page) {
    JsonNode data = page == null ? null : page.get("data");
    if (data == null || !data.isArray()) {
      throw errors.protocolError("answered the model list without a data array", null);
    }
    List<String> ids = new ArrayList<>(data.size());
    for (JsonNode model : data) {
      ids.add(requiredText(model, "id"));
    }
    return ids;
  }

  /** Maps Anthropic's {@code stop_reason}; null (not yet known) maps to UNSPECIFIED. */
  static FinishReason finishReason(@Nullable String stopReason) {
    if (stopReason == null) {
      return FinishReason.FINISH_REASON_UNSPECIFIED;
    }
    return switch (stopReason) {
      case "end_turn", "stop_sequence" -> FinishReason.FINISH_REASON_STOP;
      case "max_tokens", "model_context_window_exceeded" -> FinishReason.FINISH_REASON_LENGTH;
      case "tool_use" -> FinishReason.FINISH_REASON_TOOL_CALLS;
      case "refusal" -> FinishReason.FINISH_REASON_REFUSAL;
      default -> FinishReason.FINISH_REASON_OTHER;
    };
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
