package dev.llmgateway.bench.mock;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counts what the mock served, so a report can show the upstream side of a scenario. Thread-safe. */
public final class MockStats {
  private final LongAdder requests = new LongAdder();
  private final LongAdder connections = new LongAdder();
  private final LongAdder streamsCompleted = new LongAdder();
  private final LongAdder streamsAbandoned = new LongAdder();
  private final AtomicInteger openStreams = new AtomicInteger();
  private final AtomicInteger peakOpenStreams = new AtomicInteger();

  void request() {
    requests.increment();
  }

  void connectionOpened() {
    connections.increment();
  }

  void streamOpened() {
    peakOpenStreams.accumulateAndGet(openStreams.incrementAndGet(), Math::max);
  }

  void streamClosed(boolean completed) {
    openStreams.decrementAndGet();
    (completed ? streamsCompleted : streamsAbandoned).increment();
  }

  /** Returns the number of requests received so far. */
  public long requests() {
    return requests.sum();
  }

  /** Returns the number of connections accepted so far: far fewer than requests when clients reuse them. */
  public long connections() {
    return connections.sum();
  }

  /** Returns the number of streams being written now. */
  public int openStreams() {
    return openStreams.get();
  }

  /** Returns the most streams open at once since the last {@link #resetPeak()}. */
  public int peakOpenStreams() {
    return peakOpenStreams.get();
  }

  /** Returns the number of streams the client left before their end. */
  public long streamsAbandoned() {
    return streamsAbandoned.sum();
  }

  /** Returns the number of streams written to their end. */
  public long streamsCompleted() {
    return streamsCompleted.sum();
  }

  /** Restarts the peak from the current number of open streams. */
  public void resetPeak() {
    peakOpenStreams.set(openStreams.get());
  }
}
