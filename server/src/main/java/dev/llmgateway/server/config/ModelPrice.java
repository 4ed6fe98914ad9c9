package dev.llmgateway.server.config;

/**
 * What a model costs, in US dollars per million tokens.
 *
 * @param inputPerMillion per million input tokens
 * @param outputPerMillion per million output tokens
 * @param cachedInputPerMillion per million input tokens read from the provider's cache; equal to
 *     {@code inputPerMillion} when the configuration does not say
 */
public record ModelPrice(double inputPerMillion, double outputPerMillion, double cachedInputPerMillion) {

  /** Returns the cost of a call in micro-dollars (millionths of a dollar), rounded up. */
  public long costMicros(long inputTokens, long cachedInputTokens, long outputTokens) {
    long uncached = Math.max(0, inputTokens - cachedInputTokens);
    // $/1M tokens equals micro-dollars per token.
    double micros = uncached * inputPerMillion + cachedInputTokens * cachedInputPerMillion
        + outputTokens * outputPerMillion;
    return (long) Math.ceil(micros);
  }
}
