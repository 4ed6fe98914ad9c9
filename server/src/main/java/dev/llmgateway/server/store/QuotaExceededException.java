package dev.llmgateway.server.store;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Signals that a charge did not fit one of the tenant's limits, so nothing was charged. The caller maps it
 * to the {@code QUOTA_EXCEEDED} error kind. The message names the limit and the numbers, never the tenant.
 */
public final class QuotaExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient QuotaLimit limit;
  private final long used;
  private final long requested;
  private final Duration retryAfter;

  public QuotaExceededException(QuotaLimit limit, long used, long requested, Duration retryAfter) {
    super("quota exceeded: " + requireNonNull(limit, "limit").name() + " (used " + used + " of " + limit.max()
        + ", requested " + requested + ")");
    this.limit = limit;
    this.used = used;
    this.requested = requested;
    this.retryAfter = requireNonNull(retryAfter, "retryAfter");
  }

  /** Returns the limit that was full. */
  public QuotaLimit limit() {
    return limit;
  }

  /** Returns how much of the limit was in use: the window's count, or the number of live leases. */
  public long used() {
    return used;
  }

  /** Returns the limit's maximum. */
  public long max() {
    return limit.max();
  }

  /** Returns the amount the rejected charge asked for. */
  public long requested() {
    return requested;
  }

  /** Returns when trying again may succeed: the window's end, or a short hint for a concurrency limit. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
