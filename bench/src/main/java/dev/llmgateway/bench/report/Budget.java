package dev.llmgateway.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Holds the performance budget the gateway is held to, and checks a run's figures against it. A figure
 * whose scenario did not run (or ran with errors) is "n/a", never a pass.
 */
public final class Budget {
  /** The outcome of one budget line. */
  public enum Verdict { PASS, MISS, NOT_MEASURED }

  /**
   * One budget line with its measured value.
   *
   * @param name what is measured
   * @param scenario the scenario it comes from
   * @param value the measured value, NaN when not measured
   * @param atMost true for a ceiling (value <= limit), false for a floor (value >= limit)
   * @param limit the budget
   * @param unit the unit of value and limit
   * @param verdict pass, miss or not measured
   */
  public record Check(String name, String scenario, double value, boolean atMost, double limit, String unit,
      Verdict verdict) {}

  private record Line(String name, String scenario, boolean atMost, double limit, String unit,
      ToDoubleFunction<ScenarioResult> figure) {}

  private static final List<Line> LINES = List.of(
      new Line("added latency, unary c=1, p50", "unary-c1", true, 0.2, "ms", r -> r.figure("added_p50_ms")),
      new Line("added latency, unary c=1, p99", "unary-c1", true, 1.0, "ms", r -> r.figure("added_p99_ms")),
      new Line("throughput, unary c=64", "unary-c64", false, 5000, "calls/s", r -> r.figure("gateway_calls_per_s")),
      new Line("gateway CPU per unary call (c=64)", "unary-c64", true, 0.1, "ms",
          r -> r.figure("gateway_cpu_per_call_ms")),
      new Line("streaming added TTFT, p50 (5 ms chunks)", "stream-200-5ms", true, 1.0, "ms",
          r -> r.figure("added_ttft_p50_ms")),
      new Line("streaming added inter-chunk latency, p50 (5 ms chunks)", "stream-200-5ms", true, 0.05, "ms",
          r -> r.figure("added_gap_p50_ms")),
      new Line("streaming added time per chunk (no delay)", "stream-200", true, 0.05, "ms",
          r -> r.figure("added_per_chunk_ms")),
      new Line("concurrent streams: failed calls", "streams-10k", true, 0, "calls", r -> r.figure("failed_calls")),
      new Line("concurrent streams: open at once", "streams-10k", false, 10_000, "streams", r -> r.figure("max_open")),
      new Line("concurrent streams: heap in use at peak", "streams-10k", true, 1024, "MiB",
          r -> r.figure("heap_used_at_peak_mib")),
      new Line("start-up to SERVING (median)", "startup", true, 2000, "ms", r -> r.figure("startup_p50_ms")));

  private Budget() {}

  /** Checks every budget line against {@code results}, keyed by scenario id. */
  public static List<Check> check(Map<String, ScenarioResult> results) {
    List<Check> checks = new ArrayList<>();
    for (Line line : LINES) {
      ScenarioResult r = results.get(line.scenario());
      double value = Double.NaN;
      // Figures from a run with failures are not evidence of meeting a budget, except the
      // concurrent-streams counts, since failures and open streams are what that scenario measures.
      if (r != null && (r.status() == ScenarioResult.Status.OK
          || (r.status() == ScenarioResult.Status.ERRORS && line.scenario().equals("streams-10k")
              && !line.unit().equals("MiB")))) {
        value = line.figure().applyAsDouble(r);
      }
      // Fewer streams than the budget names (a quick run) say nothing about the budget.
      if (r != null && line.scenario().equals("streams-10k") && !(r.figure("streams") >= 10_000)) {
        value = Double.NaN;
      }
      checks.add(new Check(line.name(), line.scenario(), value, line.atMost(), line.limit(), line.unit(),
          verdict(value, line.atMost(), line.limit())));
    }
    return checks;
  }

  static Verdict verdict(double value, boolean atMost, double limit) {
    if (Double.isNaN(value)) {
      return Verdict.NOT_MEASURED;
    }
    boolean pass = atMost ? value <= limit : value >= limit;
    return pass ? Verdict.PASS : Verdict.MISS;
  }
}
