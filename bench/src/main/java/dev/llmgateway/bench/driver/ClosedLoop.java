package dev.llmgateway.bench.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs a closed-loop batch: {@code concurrency} threads, each making one call after another, until the
 * batch's time or call budget is spent. Each call is itself bounded by its deadline, so a batch ends at
 * most one call timeout after its duration.
 */
public final class ClosedLoop {
  private final int concurrency;
  private final long callTimeoutNanos;

  /** Creates a loop of {@code concurrency} threads whose calls give up after {@code callTimeoutNanos}. */
  public ClosedLoop(int concurrency, long callTimeoutNanos) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency: " + concurrency + " (expected: >= 1)");
    }
    this.concurrency = concurrency;
    this.callTimeoutNanos = callTimeoutNanos;
  }

  /**
   * Runs one batch of at most {@code durationNanos} and {@code maxCalls} calls, recording into
   * {@code recorder} (including the batch's elapsed time) when {@code recorder} is not null.
   *
   * @return the batch's wall-clock time and number of calls
   * @throws InterruptedException if interrupted while waiting for the threads
   */
  public Batch run(BlockingCall call, Recorder recorder, long durationNanos, long maxCalls)
      throws InterruptedException {
    AtomicLong budget = new AtomicLong(maxCalls);
    LongAdder calls = new LongAdder();
    long start = System.nanoTime();
    long deadline = start + durationNanos;
    List<Thread> threads = new ArrayList<>(concurrency);
    for (int i = 0; i < concurrency; i++) {
      Thread t = new Thread(() -> slot(call, recorder, deadline, budget, calls), "load-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    long joinBy = deadline + callTimeoutNanos + TimeUnit.SECONDS.toNanos(10);
    for (Thread t : threads) {
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(joinBy - System.nanoTime())));
      if (t.isAlive()) {
        // A call that outlives its own deadline is a harness fault worth surfacing, not waiting out.
        t.interrupt();
        recorder.failure(new CallFailure("driver: call overran its deadline", t.getName()));
      }
    }
    long elapsed = System.nanoTime() - start;
    recorder.addElapsed(elapsed);
    return new Batch(elapsed, calls.sum());
  }

  private static void slot(BlockingCall call, Recorder recorder, long deadline, AtomicLong budget, LongAdder calls) {
    ChunkTimer timer = new ChunkTimer();
    while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
      calls.increment();
      timer.reset();
      long start = System.nanoTime();
      try {
        call.call(timer);
        recorder.success(start, System.nanoTime(), timer);
      } catch (CallFailure failure) {
        recorder.failure(failure);
      }
    }
  }
}
