package dev.llmgateway.bench.report;

import org.HdrHistogram.Histogram;

/**
 * Summarises a nanosecond histogram in milliseconds.
 *
 * @param count the number of values
 * @param p50Ms the median
 * @param p90Ms the 90th percentile
 * @param p99Ms the 99th percentile
 * @param p999Ms the 99.9th percentile
 * @param maxMs the largest value
 * @param meanMs the mean
 */
public record LatencySummary(long count, double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs,
    double meanMs) {
  private static final double NANOS_PER_MS = 1e6;

  /** Returns the summary of {@code h}, all zeros when it is empty. */
  public static LatencySummary of(Histogram h) {
    long n = h.getTotalCount();
    if (n == 0) {
      return new LatencySummary(0, 0, 0, 0, 0, 0, 0);
    }
    return new LatencySummary(n, ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
        ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()),
        h.getMean() / NANOS_PER_MS);
  }

  private static double ms(long nanos) {
    return nanos / NANOS_PER_MS;
  }
}
