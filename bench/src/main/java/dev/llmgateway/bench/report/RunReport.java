package dev.llmgateway.bench.report;

import java.util.List;
import java.util.Map;

/**
 * Everything one run produced, as written to {@code latest.json}.
 *
 * @param startedAt when the run started (ISO-8601, UTC)
 * @param mode "full" or "quick"
 * @param commit the source commit measured, or "unknown"
 * @param machine the machine's facts
 * @param settings the run's settings (durations, rounds, JVM options, ...)
 * @param budget every budget line with its verdict
 * @param scenarios every scenario's result, in running order
 * @param profile the flight-recording summary in Markdown, empty without {@code --jfr}
 */
public record RunReport(String startedAt, String mode, String commit, MachineFacts machine,
    Map<String, Object> settings, List<Budget.Check> budget, List<ScenarioResult> scenarios, String profile) {
  /** Copies the collections. */
  public RunReport {
    settings = Map.copyOf(settings);
    budget = List.copyOf(budget);
    scenarios = List.copyOf(scenarios);
  }

  /** Returns whether any scenario had failed calls or could not complete. */
  public boolean hasErrors() {
    return scenarios.stream().anyMatch(s -> s.status() == ScenarioResult.Status.ERRORS
        || s.status() == ScenarioResult.Status.FAILED);
  }
}
