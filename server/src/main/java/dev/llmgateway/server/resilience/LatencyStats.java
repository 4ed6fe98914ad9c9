package dev.llmgateway.server.resilience;

import java.util.Arrays;

/**
 * Recent successful-call latencies of one deployment: an exponentially weighted mean for latency-aware
 * balancing, and a small ring of recent samples for the 95th percentile hedging may wait for.
 * Thread-safe; cheap to update.
 */
final class LatencyStats {
  private static final int SAMPLES = 64;
  private static final double ALPHA = 0.2;

  private final long[] ring = new long[SAMPLES];
  private int count;
  private int next;
  private double ewmaNanos;

  synchronized void record(long nanos) {
    ewmaNanos = count == 0 ? nanos : ALPHA * nanos + (1 - ALPHA) * ewmaNanos;
    ring[next] = nanos;
    next = (next + 1) % SAMPLES;
    count = Math.min(count + 1, SAMPLES);
  }

  /** Returns the weighted mean, or 0 before any sample (so untried deployments are tried first). */
  synchronized long meanNanos() {
    return (long) ewmaNanos;
  }

  /** Returns the 95th percentile of the recent samples, or -1 with fewer than 5. */
  synchronized long p95Nanos() {
    if (count < 5) {
      return -1;
    }
    long[] copy = Arrays.copyOf(ring, count);
    Arrays.sort(copy);
    return copy[(int) Math.ceil(0.95 * count) - 1];
  }
}
