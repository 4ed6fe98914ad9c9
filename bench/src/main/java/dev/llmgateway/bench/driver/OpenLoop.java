package dev.llmgateway.bench.driver;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs an open-loop batch: calls start on a fixed schedule whatever the server's pace, and each call's
 * latency counts from its scheduled start, so queueing in a slow server shows in the figures instead
 * of slowing the load down. Calls beyond {@code maxOutstanding} in flight are counted as failures.
 */
public final class OpenLoop {
  private final double callsPerSecond;
  private final int maxOutstanding;
  private final long callTimeoutNanos;

  /** Creates a schedule of {@code callsPerSecond} starts with at most {@code maxOutstanding} calls in flight. */
  public OpenLoop(double callsPerSecond, int maxOutstanding, long callTimeoutNanos) {
    if (!(callsPerSecond > 0) || maxOutstanding < 1) {
      throw new IllegalArgumentException(
          "callsPerSecond: " + callsPerSecond + ", maxOutstanding: " + maxOutstanding + " (expected: > 0, >= 1)");
    }
    this.callsPerSecond = callsPerSecond;
    this.maxOutstanding = maxOutstanding;
    this.callTimeoutNanos = callTimeoutNanos;
  }

  /**
   * Starts {@code durationNanos * rate} calls on schedule, then waits (bounded by the call timeout) for
   * the last ones to end.
   *
   * @return the time from the first scheduled start to the end of the last call, and the number of calls
   */
  public Batch run(AsyncCall call, Recorder recorder, long durationNanos) throws InterruptedException {
    long count = Math.max(1, (long) (durationNanos / 1e9 * callsPerSecond));
    if (count > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("too many calls for one batch: " + count);
    }
    double periodNanos = 1e9 / callsPerSecond;
    CountDownLatch ended = new CountDownLatch((int) count);
    AtomicInteger outstanding = new AtomicInteger();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      long scheduled = start + (long) (i * periodNanos);
      // Waiting for the next slot of the schedule is the point of an open loop, not a stand-in for a condition.
      for (long wait = scheduled - System.nanoTime(); wait > 0; wait = scheduled - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      if (outstanding.incrementAndGet() > maxOutstanding) {
        outstanding.decrementAndGet();
        recorder.failure(new CallFailure("driver: more than " + maxOutstanding + " calls in flight", "call " + i));
        ended.countDown();
        continue;
      }
      call.start(failure -> {
        long end = System.nanoTime();
        outstanding.decrementAndGet();
        if (failure == null) {
          recorder.success(end - scheduled);
        } else {
          recorder.failure(failure);
        }
        ended.countDown();
      });
    }
    if (!ended.await(callTimeoutNanos + TimeUnit.SECONDS.toNanos(10), TimeUnit.NANOSECONDS)) {
      recorder.failure(new CallFailure("driver: calls did not end", ended.getCount() + " still in flight"));
    }
    long elapsed = System.nanoTime() - start;
    recorder.addElapsed(elapsed);
    return new Batch(elapsed, count);
  }
}
