package dev.llmgateway.server.providers.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.Usage;
import javax.annotation.Nullable;

/** Maps what whole answers and stream ends share: finish reasons and usage. */
final class CohereFields {
  private CohereFields() {}

  /**
   * Returns whether {@code finishReason} means the generation failed rather than ended: the adapter
   * reports those as errors, since the text so far is not a complete answer.
   */
  static boolean isFailure(@Nullable String finishReason) {
    return "ERROR".equals(finishReason) || "TIMEOUT".equals(finishReason);
  }

  /** Maps a finished generation's {@code finish_reason}; absent is unspecified, anything unknown is OTHER. */
  static FinishReason finishReason(@Nullable String raw) {
    if (raw == null || raw.isEmpty()) {
      return FinishReason.FINISH_REASON_UNSPECIFIED;
    }
    return switch (raw) {
      case "COMPLETE", "STOP_SEQUENCE" -> FinishReason.FINISH_REASON_STOP;
      case "MAX_TOKENS" -> FinishReason.FINISH_REASON_LENGTH;
      case "TOOL_CALL" -> FinishReason.FINISH_REASON_TOOL_CALLS;
      default -> FinishReason.FINISH_REASON_OTHER;
    };
  }

  /**
   * Maps a {@code usage} object from its {@code tokens} counts, what the model actually read and wrote
   * (the prompt template included). {@code billed_units} counts only what Cohere bills and is left out of
   * the contract. Counts may arrive as floats ({@code 18.0}) and are read as whole numbers. Returns null
   * when there are no token counts.
   */
  @Nullable
  static Usage usage(JsonNode usage) {
    JsonNode tokens = usage.path("tokens");
    if (!tokens.isObject()) {
      return null;
    }
    long input = count(tokens.get("input_tokens"));
    long output = count(tokens.get("output_tokens"));
    return Usage.newBuilder()
        .setInputTokens(input)
        .setOutputTokens(output)
        .setTotalTokens(input + output)
        .setCachedInputTokens(count(usage.get("cached_tokens")))
        .build();
  }

  /** Returns a field's text, or null when it is absent, null or not a string. */
  @Nullable
  static String text(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    return node != null && node.isTextual() ? node.textValue() : null;
  }

  private static long count(@Nullable JsonNode node) {
    return node != null && node.isNumber() && node.asDouble() >= 0 ? (long) node.asDouble() : 0;
  }
}
