package dev.llmgateway.bench.scenario;

import dev.llmgateway.bench.gateway.BenchModel;
import dev.llmgateway.bench.gateway.GatewayProcess;
import dev.llmgateway.bench.report.PathResult;
import dev.llmgateway.bench.report.ProcessFigures;
import dev.llmgateway.bench.report.ScenarioResult;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the direct path with the shared gateway for one kind of call: unary, streamed or embedding,
 * closed- or open-loop. The calls themselves come from a {@link Paths} factory.
 */
final class ComparedScenario implements Scenario {
  /** Creates the two sides to compare, direct first. */
  @FunctionalInterface
  interface Paths {
    List<Side> create(BenchRun run, GatewayProcess gateway);
  }

  private final String id;
  private final String title;
  private final Set<String> providerTypes;
  private final List<BenchModel> models;
  private final int chunks;
  private final Paths paths;

  ComparedScenario(String id, String title, Set<String> providerTypes, List<BenchModel> models, int chunks,
      Paths paths) {
    this.id = id;
    this.title = title;
    this.providerTypes = Set.copyOf(providerTypes);
    this.models = List.copyOf(models);
    this.chunks = chunks;
    this.paths = paths;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String title() {
    return title;
  }

  @Override
  public Set<String> providerTypes() {
    return providerTypes;
  }

  @Override
  public List<BenchModel> models() {
    return models;
  }

  @Override
  public ScenarioResult run(BenchRun run) throws InterruptedException, IOException {
    GatewayProcess gateway = run.shared();
    List<Side> sides = paths.create(run, gateway);
    DriverGc gcBefore = DriverGc.now();
    List<Comparison.Measured> measured = new Comparison(run).run(sides.get(0), sides.get(1));
    return result(id, title, run, sides, measured, chunks, DriverGc.now().since(gcBefore));
  }

  static ScenarioResult result(String id, String title, BenchRun run, List<Side> sides,
      List<Comparison.Measured> measured, int chunks, DriverGc driverGc) throws IOException, InterruptedException {
    PathResult[] results = new PathResult[2];
    for (int i = 0; i < 2; i++) {
      GatewayProcess process = sides.get(i).process();
      ProcessFigures figures = process == null ? null : run.figures(process, measured.get(i).processCpuPerCallMs());
      results[i] = PathResult.of(sides.get(i).name(), measured.get(i).totals(), figures);
    }
    Map<String, Double> figures = Figures.compare(results[0], results[1], measured.get(0), measured.get(1), chunks);
    figures.put("driver_gc_count", (double) driverGc.collections());
    figures.put("driver_gc_ms", (double) driverGc.millis());
    long errors = results[0].errors() + results[1].errors();
    boolean measuredSomething = results[0].calls() > 0 && results[1].calls() > 0;
    ScenarioResult.Status status = errors == 0 && measuredSomething ? ScenarioResult.Status.OK
        : ScenarioResult.Status.ERRORS;
    String note = errors > 0 ? errors + " calls failed: the figures are not valid"
        : measuredSomething ? "" : "a path completed no call";
    return new ScenarioResult(id, title, status, note, List.of(results), figures);
  }
}
