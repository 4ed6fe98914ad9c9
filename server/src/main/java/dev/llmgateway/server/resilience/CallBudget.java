package dev.llmgateway.server.resilience;

import java.time.Duration;

/**
 * The time a whole call may take, shared by its retries, fallbacks and hedges: the client's deadline,
 * or the configured default when it set none, capped by the configured maximum. Immutable.
 */
public final class CallBudget {
  private final long deadlineNanos;
  private final boolean clientDeadline;

  private CallBudget(long deadlineNanos, boolean clientDeadline) {
    this.deadlineNanos = deadlineNanos;
    this.clientDeadline = clientDeadline;
  }

  /**
   * Returns the budget of a call starting now.
   *
   * @param clientRemainingNanos the time left before the client's deadline, or -1 when it set none
   */
  public static CallBudget of(long clientRemainingNanos, Duration defaultDeadline, Duration maxDeadline) {
    long max = maxDeadline.toNanos();
    long budget = clientRemainingNanos < 0 ? Math.min(defaultDeadline.toNanos(), max)
        : Math.min(clientRemainingNanos, max);
    return new CallBudget(System.nanoTime() + budget, clientRemainingNanos >= 0 && clientRemainingNanos <= max);
  }

  /** Returns the time left, never negative. */
  public Duration remaining() {
    return Duration.ofNanos(remainingNanos());
  }

  /** Returns the time left in nanoseconds, never negative. */
  public long remainingNanos() {
    return Math.max(0, deadlineNanos - System.nanoTime());
  }

  /** Returns whether the client's own deadline is the budget (so gRPC itself ends the call when it passes). */
  public boolean isClientDeadline() {
    return clientDeadline;
  }
}
