package dev.llmgateway.server.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.Usage;
import javax.annotation.Nullable;

/** Maps Bedrock's token counts and stop reasons to the contract's. Pure. */
final class BedrockUsage {
  private BedrockUsage() {}

  /**
   * Maps a Converse {@code usage} object. Bedrock's {@code inputTokens} leaves out the tokens read from
   * or written to the prompt cache ({@code cacheReadInputTokens}, {@code cacheWriteInputTokens}), while
   * the contract's {@code input_tokens} includes them, so they are added back; the total is recomputed
   * to match.
   */
  static Usage fromConverse(@Nullable JsonNode usage) {
    if (usage == null) {
      return Usage.getDefaultInstance();
    }
    long input = count(usage, "inputTokens");
    long cacheRead = count(usage, "cacheReadInputTokens");
    long cacheWrite = count(usage, "cacheWriteInputTokens");
    long output = count(usage, "outputTokens");
    long allInput = input + cacheRead + cacheWrite;
    return Usage.newBuilder()
        .setInputTokens(allInput)
        .setOutputTokens(output)
        .setTotalTokens(allInput + output)
        .setCachedInputTokens(cacheRead)
        .setCacheWriteInputTokens(cacheWrite)
        .build();
  }

  /** Maps Converse's {@code stopReason}; null (not known) maps to UNSPECIFIED. */
  static FinishReason finishReason(@Nullable String stopReason) {
    if (stopReason == null) {
      return FinishReason.FINISH_REASON_UNSPECIFIED;
    }
    return switch (stopReason) {
      case "end_turn", "stop_sequence" -> FinishReason.FINISH_REASON_STOP;
      case "max_tokens", "model_context_window_exceeded" -> FinishReason.FINISH_REASON_LENGTH;
      case "tool_use" -> FinishReason.FINISH_REASON_TOOL_CALLS;
      case "guardrail_intervened", "content_filtered" -> FinishReason.FINISH_REASON_CONTENT_FILTER;
      // malformed_model_output, malformed_tool_use and future values: the raw value tells the rest.
      default -> FinishReason.FINISH_REASON_OTHER;
    };
  }

  /** Returns a non-negative integral count, or 0 when absent or odd. */
  static long count(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isIntegralNumber() && value.asLong() >= 0 ? value.asLong() : 0;
  }
}
