package dev.llmgateway.server.store;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Tuning shared by every store implementation, so the in-process and Redis backends behave alike.
 *
 * @param leaseTtl how long a concurrency lease lives without {@link QuotaStore#renew}; bounds how long a
 *     crashed replica's slots stay taken
 * @param windowMargin how long a window counter outlives its window; bounds how late
 *     {@link QuotaStore#reconcile} can still correct it
 * @param concurrencyRetryAfter the retry hint given when a concurrency limit is full
 * @param usageRetention how long daily usage aggregates are kept
 */
public record StoreSettings(
    Duration leaseTtl, Duration windowMargin, Duration concurrencyRetryAfter, Duration usageRetention) {
  public StoreSettings {
    requireWholeSeconds("leaseTtl", leaseTtl);
    requireWholeSeconds("windowMargin", windowMargin);
    requireNonNull(concurrencyRetryAfter, "concurrencyRetryAfter");
    if (concurrencyRetryAfter.isNegative()) {
      throw new IllegalArgumentException("concurrencyRetryAfter: " + concurrencyRetryAfter + " (expected: >= 0)");
    }
    requireNonNull(usageRetention, "usageRetention");
    if (usageRetention.toDays() < 1) {
      throw new IllegalArgumentException("usageRetention: " + usageRetention + " (expected: >= 1 day)");
    }
  }

  /** Returns the defaults: 5-minute leases and margin, a 1-second concurrency hint, 400 days of usage. */
  public static StoreSettings defaults() {
    return new StoreSettings(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofDays(400));
  }

  /** Returns how many whole days of usage are kept. */
  public long usageRetentionDays() {
    return usageRetention.toDays();
  }

  private static void requireWholeSeconds(String name, Duration d) {
    requireNonNull(d, name);
    // Redis expiries below are set in whole seconds.
    if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.toNanosPart() != 0) {
      throw new IllegalArgumentException(name + ": " + d + " (expected: whole seconds, >= 1s)");
    }
  }
}
