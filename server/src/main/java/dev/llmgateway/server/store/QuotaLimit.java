package dev.llmgateway.server.store;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One limit a call is counted against.
 *
 * @param name a stable id such as {@code requests_per_minute} or {@code tokens_per_day:model=gpt-4o}; it is
 *     part of the stored keys, so renaming a limit starts it afresh
 * @param kind how the limit counts
 * @param window the fixed window length for {@link Kind#WINDOW}, in whole seconds, aligned to the Unix epoch
 *     (so a one-day window runs from UTC midnight); {@link Duration#ZERO} for {@link Kind#CONCURRENCY}
 * @param max the most a window may hold, or the most leases held at once; 0 blocks everything
 */
public record QuotaLimit(String name, Kind kind, Duration window, long max) {
  /** How a limit counts. */
  public enum Kind {
    /** Sums charged amounts per fixed window. */
    WINDOW,
    /** Counts leases held at once. */
    CONCURRENCY
  }

  public QuotaLimit {
    requireNonNull(name, "name");
    requireNonNull(kind, "kind");
    requireNonNull(window, "window");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name: blank (expected: a stable limit id)");
    }
    if (max < 0) {
      throw new IllegalArgumentException("max: " + max + " (expected: >= 0)");
    }
    if (kind == Kind.WINDOW && (window.compareTo(Duration.ofSeconds(1)) < 0 || window.toNanosPart() != 0)) {
      throw new IllegalArgumentException("window: " + window + " (expected: whole seconds, >= 1s)");
    }
    if (kind == Kind.CONCURRENCY && !window.isZero()) {
      throw new IllegalArgumentException("window: " + window + " (expected: zero for a concurrency limit)");
    }
  }

  /** Returns a fixed-window limit. */
  public static QuotaLimit window(String name, Duration window, long max) {
    return new QuotaLimit(name, Kind.WINDOW, window, max);
  }

  /** Returns a concurrency limit. */
  public static QuotaLimit concurrency(String name, long max) {
    return new QuotaLimit(name, Kind.CONCURRENCY, Duration.ZERO, max);
  }
}
