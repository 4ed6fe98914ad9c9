package dev.llmgateway.bench.scenario;

import dev.llmgateway.bench.gateway.BenchModel;
import dev.llmgateway.bench.gateway.BenchProvider;
import dev.llmgateway.bench.gateway.GatewayProcess;
import dev.llmgateway.bench.gateway.GatewayStartException;
import dev.llmgateway.bench.gateway.ProcSample;
import dev.llmgateway.bench.report.ScenarioResult;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Times gateway start-up: from just before {@code java -jar} starts until the health service reports
 * SERVING, over several fresh launches with the benchmark's whole configuration.
 */
final class StartupScenario implements Scenario {
  private final List<BenchModel> models;

  StartupScenario(List<BenchModel> models) {
    this.models = List.copyOf(models);
  }

  @Override
  public String id() {
    return "startup";
  }

  @Override
  public String title() {
    return "Gateway start-up: process start to health SERVING";
  }

  @Override
  public Set<String> providerTypes() {
    return Set.of();
  }

  @Override
  public List<BenchModel> models() {
    return List.of();
  }

  @Override
  public ScenarioResult run(BenchRun run) throws InterruptedException, IOException, GatewayStartException {
    int runs = run.options().startupRuns();
    double[] millis = new double[runs];
    double rss = 0;
    for (int i = 0; i < runs; i++) {
      GatewayProcess gateway = run.launch("startup-" + (i + 1), available(run), "");
      try {
        millis[i] = gateway.startupNanos() / 1e6;
        ProcSample sample = gateway.sample();
        rss = Math.max(rss, sample.rssKib() / 1024.0);
      } finally {
        gateway.close();
      }
    }
    double[] sorted = millis.clone();
    Arrays.sort(sorted);
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("startup_runs", (double) runs);
    figures.put("startup_p50_ms", sorted[(runs - 1) / 2]);
    figures.put("startup_min_ms", sorted[0]);
    figures.put("startup_max_ms", sorted[runs - 1]);
    figures.put("rss_after_start_mib", rss);
    return new ScenarioResult(id(), title(), ScenarioResult.Status.OK, "", List.of(), figures);
  }

  private List<BenchModel> available(BenchRun run) {
    Set<String> providers = run.providers().stream().map(BenchProvider::name).collect(Collectors.toSet());
    return models.stream().filter(m -> providers.contains(m.provider())).toList();
  }
}
