package dev.llmgateway.bench.scenario;

import dev.llmgateway.bench.driver.Batch;
import dev.llmgateway.bench.driver.PathTotals;
import dev.llmgateway.bench.driver.Recorder;
import dev.llmgateway.bench.gateway.GatewayProcess;
import dev.llmgateway.bench.gateway.ProcSample;
import dev.llmgateway.bench.mock.MockUpstream;
import java.io.IOException;
import java.util.List;

/**
 * Runs two paths in alternating batches: a warm-up batch of each (not recorded), then {@code rounds}
 * rounds in which the order flips every round, so drift in the machine's state falls on both paths
 * alike. The CPU time of a path's gateway process is read only around that path's own batches.
 */
final class Comparison {
  /**
   * What one path recorded and cost.
   *
   * @param totals the calls' outcomes
   * @param calls calls made in measured batches
   * @param processCpuNanos CPU time of the path's process during its measured batches (0 without one)
   * @param processSystemNanos of that, the time spent in the kernel (system calls, wake-ups)
   * @param mockCpuNanos CPU time of the mock's threads during the path's measured batches
   * @param upstreamConnections connections the mock accepted during the path's measured batches
   */
  record Measured(PathTotals totals, long calls, long processCpuNanos, long processSystemNanos, long mockCpuNanos,
      long upstreamConnections) {
    double processCpuPerCallMs() {
      return calls == 0 ? Double.NaN : processCpuNanos / 1e6 / calls;
    }

    double processSystemPerCallMs() {
      return calls == 0 ? Double.NaN : processSystemNanos / 1e6 / calls;
    }

    double upstreamConnectionsPerCall() {
      return calls == 0 ? Double.NaN : (double) upstreamConnections / calls;
    }

    double mockCpuPerCallMs() {
      return calls == 0 ? Double.NaN : mockCpuNanos / 1e6 / calls;
    }
  }

  private final BenchRun run;

  Comparison(BenchRun run) {
    this.run = run;
  }

  /** Runs the comparison and returns the baseline's and the subject's measurements, in that order. */
  List<Measured> run(Side baseline, Side subject) throws InterruptedException, IOException {
    if (run.options().warmupNanos() > 0) {
      baseline.runner().run(new Recorder(), run.options().warmupNanos());
      subject.runner().run(new Recorder(), run.options().warmupNanos());
    }
    Accumulator a = new Accumulator(baseline);
    Accumulator b = new Accumulator(subject);
    for (int round = 0; round < run.options().rounds(); round++) {
      if (round % 2 == 0) {
        a.batch();
        b.batch();
      } else {
        b.batch();
        a.batch();
      }
    }
    return List.of(a.result(), b.result());
  }

  private final class Accumulator {
    private final Side side;
    private final Recorder recorder = new Recorder();
    private long calls;
    private long processTicks;
    private long systemTicks;
    private long mockCpuNanos;
    private long connections;

    Accumulator(Side side) {
      this.side = side;
    }

    void batch() throws InterruptedException, IOException {
      GatewayProcess process = side.process();
      MockUpstream mock = run.mock();
      ProcSample before = process == null ? null : process.sample();
      long mockBefore = mock.cpuNanos();
      long connectionsBefore = mock.stats().connections();
      Batch batch = side.runner().run(recorder, run.options().batchNanos());
      mockCpuNanos += mock.cpuNanos() - mockBefore;
      connections += mock.stats().connections() - connectionsBefore;
      if (process != null) {
        ProcSample after = process.sample();
        processTicks += after.cpuTicks() - before.cpuTicks();
        systemTicks += after.systemTicks() - before.systemTicks();
      }
      calls += batch.calls();
    }

    Measured result() {
      return new Measured(recorder.totals(), calls, run.ticksToNanos(processTicks), run.ticksToNanos(systemTicks),
          mockCpuNanos, connections);
    }
  }
}
