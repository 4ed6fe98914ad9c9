package dev.llmgateway.bench.driver;

import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Everything recorded on one path of a scenario.
 *
 * @param successes calls that completed and passed every check
 * @param failures failed calls by category
 * @param examples the first few failure messages
 * @param elapsedNanos the wall-clock time of the measured batches, summed
 * @param latency whole-call latency of successful calls, nanoseconds
 * @param ttft time to the first text chunk of successful streamed calls, nanoseconds
 * @param gaps time between consecutive text chunks of successful streamed calls, nanoseconds
 */
public record PathTotals(
    long successes, Map<String, Long> failures, List<String> examples, long elapsedNanos,
    Histogram latency, Histogram ttft, Histogram gaps) {
  /** Copies the collections. */
  public PathTotals {
    failures = Map.copyOf(failures);
    examples = List.copyOf(examples);
  }

  /** Returns the number of failed calls. */
  public long failureCount() {
    return failures.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Returns successful calls per second of measured time, 0 when nothing was measured. */
  public double callsPerSecond() {
    return elapsedNanos == 0 ? 0 : successes * 1e9 / elapsedNanos;
  }
}
