package dev.llmgateway.bench.scenario;

import dev.llmgateway.bench.report.LatencySummary;
import dev.llmgateway.bench.report.PathResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Derives the compared figures of a scenario: the subject path's added latency over the baseline
 * (differences of the two paths' percentiles in the same run), throughput and CPU per call, and for
 * streams the added time to first chunk, between chunks and per chunk.
 */
final class Figures {
  private Figures() {}

  /** Returns the figures comparing {@code subject} to {@code baseline}; {@code chunks} is 0 for unary calls. */
  static Map<String, Double> compare(PathResult baseline, PathResult subject, Comparison.Measured baselineCost,
      Comparison.Measured subjectCost, int chunks) {
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("baseline_calls_per_s", baseline.callsPerSecond());
    f.put("gateway_calls_per_s", subject.callsPerSecond());
    LatencySummary b = baseline.latency();
    LatencySummary s = subject.latency();
    f.put("added_p50_ms", s.p50Ms() - b.p50Ms());
    f.put("added_p90_ms", s.p90Ms() - b.p90Ms());
    f.put("added_p99_ms", s.p99Ms() - b.p99Ms());
    f.put("added_p999_ms", s.p999Ms() - b.p999Ms());
    f.put("added_mean_ms", s.meanMs() - b.meanMs());
    f.put("gateway_cpu_per_call_ms", subjectCost.processCpuPerCallMs());
    f.put("gateway_system_cpu_per_call_ms", subjectCost.processSystemPerCallMs());
    f.put("upstream_connections_per_gateway_call", subjectCost.upstreamConnectionsPerCall());
    f.put("upstream_connections_per_baseline_call", baselineCost.upstreamConnectionsPerCall());
    if (baselineCost.processCpuNanos() > 0) {
      f.put("baseline_cpu_per_call_ms", baselineCost.processCpuPerCallMs());
    }
    f.put("mock_cpu_per_baseline_call_ms", baselineCost.mockCpuPerCallMs());
    f.put("mock_cpu_per_gateway_call_ms", subjectCost.mockCpuPerCallMs());
    if (chunks > 0 && baseline.ttft() != null && subject.ttft() != null) {
      double addedTtft = subject.ttft().p50Ms() - baseline.ttft().p50Ms();
      f.put("added_ttft_p50_ms", addedTtft);
      f.put("added_ttft_p99_ms", subject.ttft().p99Ms() - baseline.ttft().p99Ms());
      if (baseline.interChunk() != null && subject.interChunk() != null) {
        f.put("added_gap_p50_ms", subject.interChunk().p50Ms() - baseline.interChunk().p50Ms());
        f.put("added_gap_p99_ms", subject.interChunk().p99Ms() - baseline.interChunk().p99Ms());
      }
      if (chunks > 1) {
        // What the gateway adds to a whole stream beyond its first chunk, spread over the other chunks.
        f.put("added_per_chunk_ms", (s.p50Ms() - b.p50Ms() - addedTtft) / (chunks - 1));
      }
    }
    return f;
  }
}
