package dev.llmgateway.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.llmgateway.bench.driver.Recorder;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ReportMathsTest {
  @Test
  void summarisesAHistogramInMilliseconds() {
    Histogram h = Recorder.newHistogram();
    for (int i = 1; i <= 1000; i++) {
      h.recordValue(i * 1_000L); // 1 us .. 1 ms
    }

    LatencySummary s = LatencySummary.of(h);

    assertThat(s.count()).isEqualTo(1000);
    assertThat(s.p50Ms()).isCloseTo(0.500, within(0.001));
    assertThat(s.p99Ms()).isCloseTo(0.990, within(0.001));
    assertThat(s.p999Ms()).isCloseTo(0.999, within(0.001));
    assertThat(s.maxMs()).isCloseTo(1.0, within(0.001));
    assertThat(s.meanMs()).isCloseTo(0.5005, within(0.001));
    assertThat(LatencySummary.of(Recorder.newHistogram()).p50Ms()).isZero();
  }

  @Test
  void passesMissesAndNeverPassesWhatWasNotMeasured() {
    assertThat(Budget.verdict(0.15, true, 0.2)).isEqualTo(Budget.Verdict.PASS);
    assertThat(Budget.verdict(0.25, true, 0.2)).isEqualTo(Budget.Verdict.MISS);
    assertThat(Budget.verdict(6000, false, 5000)).isEqualTo(Budget.Verdict.PASS);
    assertThat(Budget.verdict(Double.NaN, true, 0.2)).isEqualTo(Budget.Verdict.NOT_MEASURED);
  }

  @Test
  void ignoresFiguresOfAScenarioThatHadErrors() {
    ScenarioResult withErrors = new ScenarioResult("unary-c1", "t", ScenarioResult.Status.ERRORS, "", List.of(),
        Map.of("added_p50_ms", 0.01, "added_p99_ms", 0.02));
    ScenarioResult ok = new ScenarioResult("startup", "t", ScenarioResult.Status.OK, "", List.of(),
        Map.of("startup_p50_ms", 1500.0));

    List<Budget.Check> checks = Budget.check(Map.of("unary-c1", withErrors, "startup", ok));

    assertThat(checks).filteredOn(c -> c.scenario().equals("unary-c1"))
        .allMatch(c -> c.verdict() == Budget.Verdict.NOT_MEASURED);
    assertThat(checks).filteredOn(c -> c.scenario().equals("startup"))
        .singleElement().extracting(Budget.Check::verdict).isEqualTo(Budget.Verdict.PASS);
  }

  @Test
  void formatsNumbersWithSensiblePrecision() {
    assertThat(MarkdownReport.num(12345.6)).isEqualTo("12346");
    assertThat(MarkdownReport.num(12.34)).isEqualTo("12.3");
    assertThat(MarkdownReport.num(0.123)).isEqualTo("0.123");
    assertThat(MarkdownReport.num(0.0123)).isEqualTo("0.0123");
    assertThat(MarkdownReport.num(Double.NaN)).isEqualTo("-");
  }
}
