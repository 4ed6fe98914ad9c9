package dev.llmgateway.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmgateway.bench.driver.ChunkTimer;
import dev.llmgateway.bench.driver.Recorder;
import dev.llmgateway.bench.report.PathResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FiguresTest {
  private static final long MS = 1_000_000L;

  @Test
  void derivesAddedLatencyAndCostPerCallFromBothPaths() {
    Recorder direct = new Recorder();
    Recorder gateway = new Recorder();
    for (int i = 0; i < 100; i++) {
      direct.success(1 * MS);
      gateway.success(3 * MS);
    }
    direct.addElapsed(1_000 * MS);
    gateway.addElapsed(2_000 * MS);
    Comparison.Measured directCost = new Comparison.Measured(direct.totals(), 100, 0, 0, 5 * MS, 1);
    Comparison.Measured gatewayCost = new Comparison.Measured(gateway.totals(), 100, 20 * MS, 5 * MS, 6 * MS, 100);

    Map<String, Double> f = Figures.compare(PathResult.of("direct", direct.totals(), null),
        PathResult.of("gateway", gateway.totals(), null), directCost, gatewayCost, 0);

    assertThat(f.get("added_p50_ms")).isCloseTo(2.0, within(0.01));
    assertThat(f.get("added_p99_ms")).isCloseTo(2.0, within(0.01));
    assertThat(f.get("baseline_calls_per_s")).isCloseTo(100.0, within(0.01));
    assertThat(f.get("gateway_calls_per_s")).isCloseTo(50.0, within(0.01));
    assertThat(f.get("gateway_cpu_per_call_ms")).isCloseTo(0.2, within(1e-9));
    assertThat(f.get("mock_cpu_per_gateway_call_ms")).isCloseTo(0.06, within(1e-9));
    assertThat(f.get("gateway_system_cpu_per_call_ms")).isCloseTo(0.05, within(1e-9));
    assertThat(f.get("upstream_connections_per_gateway_call")).isCloseTo(1.0, within(1e-9));
    assertThat(f.get("upstream_connections_per_baseline_call")).isCloseTo(0.01, within(1e-9));
    assertThat(f).doesNotContainKeys("baseline_cpu_per_call_ms", "added_ttft_p50_ms");
  }

  @Test
  void spreadsTheAddedStreamTimeBeyondTheFirstChunkOverTheOtherChunks() {
    // direct: first chunk at 1 ms, whole stream 11 ms; gateway: first at 2 ms, whole 13 ms; 11 chunks.
    Recorder direct = stream(1, 11);
    Recorder gateway = stream(2, 13);
    Comparison.Measured cost = new Comparison.Measured(direct.totals(), 1, 0, 0, 0, 0);

    Map<String, Double> f = Figures.compare(PathResult.of("direct", direct.totals(), null),
        PathResult.of("gateway", gateway.totals(), null), cost, cost, 11);

    assertThat(f.get("added_ttft_p50_ms")).isCloseTo(1.0, within(0.01));
    assertThat(f.get("added_p50_ms")).isCloseTo(2.0, within(0.01));
    assertThat(f.get("added_per_chunk_ms")).isCloseTo(0.1, within(0.001));
  }

  private static Recorder stream(long firstMs, long totalMs) {
    Recorder recorder = new Recorder();
    ChunkTimer timer = new ChunkTimer();
    // Only arrival order matters to the gaps; TTFT and total come from the times given.
    long start = System.nanoTime() - firstMs * MS;
    timer.textChunk();
    recorder.success(start, start + totalMs * MS, timer);
    return recorder;
  }
}
