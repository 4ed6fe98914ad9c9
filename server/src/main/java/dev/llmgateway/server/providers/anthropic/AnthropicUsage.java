package dev.llmgateway.server.providers.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.v1.Usage;

/**
 * Accumulates Anthropic's token counts, which a stream spreads over {@code message_start} (input and
 * cache counts, a placeholder output count) and {@code message_delta} (the cumulative output count,
 * and in newer streams the input counts again). Later values replace earlier ones, field by field. Not
 * thread-safe: one instance per answer.
 */
final class AnthropicUsage {
  private long input;
  private long cacheRead;
  private long cacheWrite;
  private long output;

  /** Takes every count present in an Anthropic {@code usage} object; absent fields keep their value. */
  void merge(JsonNode usage) {
    input = count(usage, "input_tokens", input);
    cacheRead = count(usage, "cache_read_input_tokens", cacheRead);
    cacheWrite = count(usage, "cache_creation_input_tokens", cacheWrite);
    output = count(usage, "output_tokens", output);
  }

  /**
   * Returns the counts in the gateway's terms. Anthropic's {@code input_tokens} excludes cached tokens,
   * while the contract's {@code input_tokens} includes them, so cache reads and writes are added back.
   */
  Usage toProto() {
    long allInput = input + cacheRead + cacheWrite;
    return Usage.newBuilder()
        .setInputTokens(allInput)
        .setOutputTokens(output)
        .setTotalTokens(allInput + output)
        .setCachedInputTokens(cacheRead)
        .setCacheWriteInputTokens(cacheWrite)
        .build();
  }

  private static long count(JsonNode usage, String field, long current) {
    JsonNode value = usage.get(field);
    // Counts are never negative in the contract; a null or odd value leaves the last good one.
    return value != null && value.canConvertToLong() && value.asLong() >= 0 ? value.asLong() : current;
  }
}
