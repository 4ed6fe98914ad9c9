package dev.llmgateway.server.cache;

import dev.llmgateway.server.testing.InMemoryTelemetry;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;

/** Reads the cache's counters out of an in-memory telemetry SDK. */
final class CacheCounters {
  private CacheCounters() {}

  /** Returns the sum of every series of the counter {@code name} recorded so far (0 if none). */
  static long sum(InMemoryTelemetry telemetry, String name) {
    return telemetry.metrics().collectAllMetrics().stream().filter(m -> m.getName().equals(name))
        .map(MetricData::getLongSumData).flatMap(d -> d.getPoints().stream()).mapToLong(LongPointData::getValue).sum();
  }
}
