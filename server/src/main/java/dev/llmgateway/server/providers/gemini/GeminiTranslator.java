package dev.llmgateway.server.providers.gemini;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.CountTokensResponse;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.TokenCountMethod;
import dev.llmgateway.v1.ToolCall;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Translates Gemini's answers into the contract: whole {@code generateContent} responses, token counts,
 * and (through a fresh {@link GeminiStreamTranslator} per stream) streamed events. Pure and thread-safe.
 */
final class GeminiTranslator {
  private final String provider;
  private final GeminiErrors errors;

  GeminiTranslator(String provider, GeminiErrors errors) {
    this.provider = requireNonNull(provider, "provider");
    this.errors = requireNonNull(errors, "errors");
  }

  /**
   * Returns the translator for one new stream; {@code requestId} and {@code requestedModel} stand in for
   * the response id and model version when Gemini names none.
   */
  GeminiStreamTranslator newStream(String requestId, String requestedModel) {
    return new GeminiStreamTranslator(provider, requestId, requestedModel, errors);
  }

  /**
   * Maps a {@code GenerateContentResponse}. A prompt the safety filters blocked has no candidate and
   * fails with CONTENT_FILTERED; an answer without any candidate otherwise is a protocol error.
   */
  CompleteResponse toResponse(JsonNode body, String requestId, String requestedModel) {
    if (body == null || !body.isObject()) {
      throw errors.protocolError("answered with a body that is not a response object", null);
    }
    String blockReason = blockReason(body);
    JsonNode candidates = body.get("candidates");
    boolean none = candidates == null || !candidates.isArray() || candidates.isEmpty();
    if (none && blockReason != null) {
      throw errors.promptBlocked(blockReason);
    }
    if (none) {
      throw errors.protocolError("answered without a candidate", null);
    }
    GeminiCandidate candidate = GeminiCandidate.first(body, errors);
    Message.Builder message = Message.newBuilder().setRole(Role.ROLE_ASSISTANT);
    if (!candidate.text().isEmpty()) {
      message.addContent(ContentPart.newBuilder().setText(candidate.text()));
    }
    List<GeminiCandidate.Call> calls = candidate.calls();
    for (int i = 0; i < calls.size(); i++) {
      GeminiCandidate.Call call = calls.get(i);
      message.addToolCalls(ToolCall.newBuilder()
          .setId(GeminiToolCallIds.encode(call.id(), i, call.signature()))
          .setName(call.name())
          .setArgumentsJson(call.argumentsJson()));
    }
    String reason = candidate.finishReason();
    return CompleteResponse.newBuilder()
        .setId(textOr(body, "responseId", requestId))
        .setMessage(message)
        .setFinishReason(finishReason(reason, !calls.isEmpty()))
        .setUpstreamFinishReason(reason == null ? "" : reason)
        .setUsage(GeminiUsage.from(body.get("usageMetadata")))
        .setProvider(provider)
        .setModel(textOr(body, "modelVersion", requestedModel))
        .build();
  }

  /** Maps a {@code countTokens} response: Gemini's own tokenizer, so the count is exact. */
  CountTokensResponse toCount(JsonNode body, String model) {
    JsonNode total = body == null ? null : body.get("totalTokens");
    // proto3 JSON leaves out zero values: an empty conversation counts as no "totalTokens" at all.
    if (body == null || !body.isObject() || (total != null && !total.canConvertToLong())) {
      throw errors.protocolError("answered the token count without a number", null);
    }
    return CountTokensResponse.newBuilder()
        .setInputTokens(total == null ? 0 : Math.max(0, total.asLong()))
        .setExact(true)
        .setMethod(TokenCountMethod.TOKEN_COUNT_METHOD_PROVIDER)
        .setProvider(provider)
        .setModel(model)
        .build();
  }

  /**
   * Maps Gemini's {@code finishReason}: a plain stop that made function calls is a stop for tool calls
   * (Gemini has no reason of its own for that); every filter that withheld output is a content filter.
   * Null (not yet known) maps to UNSPECIFIED.
   */
  static FinishReason finishReason(@Nullable String reason, boolean madeCalls) {
    if (reason == null) {
      return FinishReason.FINISH_REASON_UNSPECIFIED;
    }
    return switch (reason) {
      case "STOP" -> madeCalls ? FinishReason.FINISH_REASON_TOOL_CALLS : FinishReason.FINISH_REASON_STOP;
      case "MAX_TOKENS" -> FinishReason.FINISH_REASON_LENGTH;
      case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY",
          "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION", "MODEL_ARMOR" -> FinishReason.FINISH_REASON_CONTENT_FILTER;
      // LANGUAGE, MALFORMED_FUNCTION_CALL, UNEXPECTED_TOOL_CALL, TOO_MANY_TOOL_CALLS, OTHER and reasons
      // added later: the raw value travels in upstream_finish_reason.
      default -> FinishReason.FINISH_REASON_OTHER;
    };
  }

  /** Returns {@code promptFeedback.blockReason}, or null when the prompt was not blocked. */
  @Nullable
  static String blockReason(JsonNode response) {
    String reason = GeminiErrors.text(response.path("promptFeedback"), "blockReason");
    return reason == null || reason.isEmpty() || reason.equals("BLOCK_REASON_UNSPECIFIED") ? null : reason;
  }

  static String textOr(JsonNode node, String field, String fallback) {
    String value = GeminiErrors.text(node, field);
    return value == null || value.isEmpty() ? fallback : value;
  }
}
