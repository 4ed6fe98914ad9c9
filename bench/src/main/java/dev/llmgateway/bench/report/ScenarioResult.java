package dev.llmgateway.bench.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Reports one scenario: its status, its paths and the figures derived from comparing them.
 *
 * @param id the scenario's id, as given to {@code --scenarios}
 * @param title a one-line description
 * @param status how it ended
 * @param note why it was not available or failed, or a remark worth reading; empty when none
 * @param paths the measured paths, baseline first
 * @param figures derived figures by name, e.g. {@code added_p50_ms}; kept in insertion order
 */
public record ScenarioResult(String id, String title, Status status, String note, List<PathResult> paths,
    Map<String, Double> figures) {
  /** How a scenario ended. */
  public enum Status {
    /** Ran, and every call succeeded. */
    OK,
    /** Ran, and some calls failed or returned wrong content. */
    ERRORS,
    /** Could not run on this gateway build (a missing adapter or setting); nothing was faked. */
    NOT_AVAILABLE,
    /** The harness could not complete it (for example the gateway did not start). */
    FAILED
  }

  /** Copies the collections, keeping the order of the figures. */
  public ScenarioResult {
    paths = List.copyOf(paths);
    figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
  }

  /** Returns a result for a scenario that could not run here, with the reason. */
  public static ScenarioResult notAvailable(String id, String title, String reason) {
    return new ScenarioResult(id, title, Status.NOT_AVAILABLE, reason, List.of(), Map.of());
  }

  /** Returns a result for a scenario the harness could not complete, with the reason. */
  public static ScenarioResult failed(String id, String title, String reason) {
    return new ScenarioResult(id, title, Status.FAILED, reason, List.of(), Map.of());
  }

  /** Returns the named figure, or NaN when it was not measured. */
  public double figure(String name) {
    Double value = figures.get(name);
    return value == null ? Double.NaN : value;
  }

  /** Returns the path named {@code name}, or null. */
  @Nullable
  public PathResult path(String name) {
    return paths.stream().filter(p -> p.path().equals(name)).findFirst().orElse(null);
  }
}
