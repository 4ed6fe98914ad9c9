package dev.llmgateway.bench.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Collects the outcome of every call on one path of a scenario: latency, time to first chunk and the
 * gaps between chunks (nanoseconds, in HdrHistograms), successes, and failures by category with a few
 * examples. Safe for concurrent use by any number of calling threads.
 */
public final class Recorder {
  /** The largest value recorded; longer calls are recorded as this. */
  static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(10);
  private static final int MAX_EXAMPLES = 5;

  private final Histogram latency = newHistogram();
  private final Histogram ttft = newHistogram();
  private final Histogram gaps = newHistogram();
  private final LongAdder successes = new LongAdder();
  private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
  private final List<String> examples = new ArrayList<>();
  private final LongAdder elapsedNanos = new LongAdder();

  /** Returns an empty histogram for nanosecond values from 1 ns to 10 minutes, 3 significant digits. */
  public static Histogram newHistogram() {
    return new ConcurrentHistogram(1, HIGHEST_NANOS, 3);
  }

  /** Records a checked success that started at {@code startNanos} and ended at {@code endNanos}. */
  public void success(long startNanos, long endNanos, ChunkTimer chunks) {
    successes.increment();
    latency.recordValue(clamp(endNanos - startNanos));
    int n = chunks.count();
    if (n > 0) {
      ttft.recordValue(clamp(chunks.time(0) - startNanos));
      for (int i = 1; i < n; i++) {
        gaps.recordValue(clamp(chunks.time(i) - chunks.time(i - 1)));
      }
    }
  }

  /** Records a checked unary success of {@code latencyNanos}. */
  public void success(long latencyNanos) {
    successes.increment();
    latency.recordValue(clamp(latencyNanos));
  }

  /** Records a failed call. */
  public void failure(CallFailure failure) {
    failures.computeIfAbsent(failure.category(), k -> new LongAdder()).increment();
    synchronized (examples) {
      if (examples.size() < MAX_EXAMPLES) {
        examples.add(failure.getMessage());
      }
    }
  }

  /** Adds the wall-clock time of one batch, for the calls-per-second figure. */
  public void addElapsed(long nanos) {
    elapsedNanos.add(nanos);
  }

  /** Returns what was recorded so far, as an immutable snapshot. */
  public PathTotals totals() {
    Map<String, Long> byCategory = new TreeMap<>();
    failures.forEach((k, v) -> byCategory.put(k, v.sum()));
    List<String> firstExamples;
    synchronized (examples) {
      firstExamples = List.copyOf(examples);
    }
    return new PathTotals(successes.sum(), byCategory, firstExamples, elapsedNanos.sum(),
        latency.copy(), ttft.copy(), gaps.copy());
  }

  private static long clamp(long nanos) {
    return Math.max(0, Math.min(HIGHEST_NANOS, nanos));
  }
}
