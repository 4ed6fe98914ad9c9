package dev.llmgateway.server.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.v1.Usage;
import javax.annotation.Nullable;

/**
 * Reads Gemini's {@code usageMetadata} into the contract's usage. {@code promptTokenCount} already
 * includes cached content ({@code cachedContentTokenCount}); prompts that tools such as search added
 * ({@code toolUsePromptTokenCount}) are input too. Hidden reasoning ({@code thoughtsTokenCount}) is
 * billed as output but reported apart from {@code candidatesTokenCount}, so it is added to the output and
 * also reported as reasoning tokens. Pure.
 */
final class GeminiUsage {
  private GeminiUsage() {}

  /** Returns the usage {@code usageMetadata} reports; all zero when it is absent. */
  static Usage from(@Nullable JsonNode usage) {
    long input = count(usage, "promptTokenCount") + count(usage, "toolUsePromptTokenCount");
    long thoughts = count(usage, "thoughtsTokenCount");
    long output = count(usage, "candidatesTokenCount") + thoughts;
    return Usage.newBuilder()
        .setInputTokens(input)
        .setOutputTokens(output)
        .setTotalTokens(input + output)
        .setCachedInputTokens(count(usage, "cachedContentTokenCount"))
        .setReasoningTokens(thoughts)
        .build();
  }

  private static long count(@Nullable JsonNode usage, String field) {
    JsonNode value = usage == null ? null : usage.get(field);
    // Counts are never negative in the contract; absent fields (Gemini omits zeros) count as 0.
    return value != null && value.canConvertToLong() && value.asLong() > 0 ? value.asLong() : 0;
  }
}
