package dev.llmgateway.server.store;

import static java.util.Objects.requireNonNull;

/**
 * An amount to count against one limit.
 *
 * @param limit the limit charged
 * @param amount for {@link QuotaLimit.Kind#WINDOW} the units to add (0 for "only check there is room",
 *     e.g. a token quota before the count is known); for {@link QuotaLimit.Kind#CONCURRENCY} always 1,
 *     one lease
 */
public record QuotaCharge(QuotaLimit limit, long amount) {
  public QuotaCharge {
    requireNonNull(limit, "limit");
    if (amount < 0) {
      throw new IllegalArgumentException("amount: " + amount + " (expected: >= 0)");
    }
    if (limit.kind() == QuotaLimit.Kind.CONCURRENCY && amount != 1) {
      throw new IllegalArgumentException("amount: " + amount + " (expected: 1 for a concurrency limit)");
    }
  }

  /** Returns a charge of {@code amount} against a window limit. */
  public static QuotaCharge of(QuotaLimit limit, long amount) {
    return new QuotaCharge(limit, amount);
  }

  /** Returns a charge taking one lease of a concurrency limit. */
  public static QuotaCharge lease(QuotaLimit limit) {
    return new QuotaCharge(limit, 1);
  }
}
