package dev.llmgateway.server.config;

/**
 * Limits for one API key, or one key and model; 0 means no limit.
 *
 * @param requestsPerMinute calls per minute
 * @param tokensPerMinute input plus output tokens per minute
 * @param tokensPerDay input plus output tokens per UTC day
 * @param budgetUsdPerDay spend per UTC day, from the models' configured prices
 * @param maxInFlight calls running at once (a stream holds its slot until it ends)
 */
public record QuotaLimits(
    long requestsPerMinute, long tokensPerMinute, long tokensPerDay, double budgetUsdPerDay, long maxInFlight) {
  /** No limits at all. */
  public static final QuotaLimits NONE = new QuotaLimits(0, 0, 0, 0, 0);

  /** Returns whether nothing is limited. */
  public boolean isEmpty() {
    return requestsPerMinute == 0 && tokensPerMinute == 0 && tokensPerDay == 0 && budgetUsdPerDay == 0
        && maxInFlight == 0;
  }

  /** Returns these limits with every unset (0) field taken from {@code fallback}. */
  public QuotaLimits over(QuotaLimits fallback) {
    return new QuotaLimits(
        requestsPerMinute != 0 ? requestsPerMinute : fallback.requestsPerMinute,
        tokensPerMinute != 0 ? tokensPerMinute : fallback.tokensPerMinute,
        tokensPerDay != 0 ? tokensPerDay : fallback.tokensPerDay,
        budgetUsdPerDay != 0 ? budgetUsdPerDay : fallback.budgetUsdPerDay,
        maxInFlight != 0 ? maxInFlight : fallback.maxInFlight);
  }
}
