package dev.llmgateway.server.accounting;

/**
 * What one call consumed, as far as it is known when the call ends.
 *
 * @param inputTokens prompt tokens (including cached ones)
 * @param cachedInputTokens of those, read from the provider's cache
 * @param outputTokens generated tokens
 * @param reported whether the provider reported these numbers (false: the gateway estimated them, for a
 *     call that failed or was cancelled before the provider's usage arrived)
 */
public record CallUsage(long inputTokens, long cachedInputTokens, long outputTokens, boolean reported) {
  /** Nothing consumed: the call never reached the provider. */
  public static final CallUsage NONE = new CallUsage(0, 0, 0, false);

  /** Returns input plus output tokens. */
  public long totalTokens() {
    return inputTokens + outputTokens;
  }

  /** Returns usage the provider reported. */
  public static CallUsage reported(dev.llmgateway.v1.Usage usage) {
    return new CallUsage(usage.getInputTokens(), usage.getCachedInputTokens(), usage.getOutputTokens(), true);
  }

  /** Returns the sum of this and {@code other}; reported only when both were. */
  public CallUsage plus(CallUsage other) {
    if (other.totalTokens() == 0) {
      return this;
    }
    return new CallUsage(inputTokens + other.inputTokens, cachedInputTokens + other.cachedInputTokens,
        outputTokens + other.outputTokens, reported && other.reported);
  }

  /** Returns an estimate for a call that reached the provider but ended without its usage. */
  public static CallUsage estimated(long inputTokens, long streamedOutputChars) {
    // The documented estimator: about four characters per token.
    return new CallUsage(inputTokens, 0, (streamedOutputChars + 3) / 4, false);
  }
}
