package dev.llmgateway.server.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.Usage;
import javax.annotation.Nullable;

/** Maps the response fields that whole answers and stream chunks share: finish reasons and usage. */
final class OpenAiFields {
  private OpenAiFields() {}

  /** Maps an upstream {@code finish_reason}; null (not stated) is unspecified, anything unknown is OTHER. */
  static FinishReason finishReason(@Nullable String raw) {
    if (raw == null || raw.isEmpty()) {
      return FinishReason.FINISH_REASON_UNSPECIFIED;
    }
    return switch (raw) {
      // eos_token and stop_sequence are what TGI versions before its OpenAI alignment send.
      case "stop", "eos_token", "stop_sequence" -> FinishReason.FINISH_REASON_STOP;
      case "length" -> FinishReason.FINISH_REASON_LENGTH;
      // function_call is the legacy name of tool_calls, still sent by some compatible servers.
      case "tool_calls", "function_call" -> FinishReason.FINISH_REASON_TOOL_CALLS;
      case "content_filter" -> FinishReason.FINISH_REASON_CONTENT_FILTER;
      default -> FinishReason.FINISH_REASON_OTHER;
    };
  }

  /**
   * Maps a {@code usage} object: prompt and completion tokens, the cached part of the prompt and the
   * reasoning part of the completion. A missing total is the sum of the two.
   */
  static Usage usage(JsonNode usage) {
    long input = usage.path("prompt_tokens").asLong(0);
    long output = usage.path("completion_tokens").asLong(0);
    JsonNode total = usage.get("total_tokens");
    return Usage.newBuilder()
        .setInputTokens(input)
        .setOutputTokens(output)
        .setTotalTokens(total != null && total.isNumber() ? total.asLong() : input + output)
        .setCachedInputTokens(usage.path("prompt_tokens_details").path("cached_tokens").asLong(0))
        .setReasoningTokens(usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0))
        .build();
  }

  /** Returns a field's text, or null when it is absent, null or not a string. */
  @Nullable
  static String text(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    return node != null && node.isTextual() ? node.textValue() : null;
  }
}
