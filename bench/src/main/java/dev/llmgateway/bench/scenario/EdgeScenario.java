package dev.llmgateway.bench.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.llmgateway.bench.driver.BatchRunner;
import dev.llmgateway.bench.driver.ClosedLoop;
import dev.llmgateway.bench.driver.Expected;
import dev.llmgateway.bench.gateway.BenchModel;
import dev.llmgateway.bench.gateway.GatewayProcess;
import dev.llmgateway.bench.gateway.GatewayStartException;
import dev.llmgateway.bench.report.ScenarioResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Measures what the edge interceptors (authentication, quota, tracing) cost: two gateways that differ
 * only by the {@code edge-off.conf} and {@code edge-on.conf} overlays serve the same unary calls in
 * alternating batches. It runs only when the gateway's reference configuration knows every setting
 * the overlays use; otherwise it reports "not available".
 */
final class EdgeScenario implements Scenario {
  private static final int CONCURRENCY = 16;

  private final BenchModel model;

  EdgeScenario(BenchModel model) {
    this.model = model;
  }

  @Override
  public String id() {
    return "edge";
  }

  @Override
  public String title() {
    return "Edge interceptors on vs off: unary Complete, c=" + CONCURRENCY;
  }

  @Override
  public Set<String> providerTypes() {
    return Set.of(BenchRun.OPENAI);
  }

  @Override
  public List<BenchModel> models() {
    return List.of();
  }

  @Override
  public ScenarioResult run(BenchRun run) throws InterruptedException, IOException, GatewayStartException {
    String off = resource("edge-off.conf");
    String on = resource("edge-on.conf");
    List<String> unknown = new ArrayList<>(run.jar().unknownSettings(ConfigFactory.parseString(off)));
    Config onConfig = ConfigFactory.parseString(on);
    for (String path : run.jar().unknownSettings(onConfig)) {
      if (!unknown.contains(path)) {
        unknown.add(path);
      }
    }
    if (!unknown.isEmpty()) {
      return ScenarioResult.notAvailable(id(), title(),
          "this gateway build has no edge switches yet: its reference configuration lacks " + String.join(", ", unknown));
    }
    GatewayProcess edgeOff = run.launch("edge-off", List.of(model), off);
    try {
      GatewayProcess edgeOn = run.launch("edge-on", List.of(model), on);
      try {
        Expected expected = Expected.chat(BenchRun.OPENAI_PROVIDER, model.upstreamModel(), 0);
        ClosedLoop loop = new ClosedLoop(CONCURRENCY, run.callTimeoutNanos());
        List<Side> sides = List.of(
            new Side("edge-off", BatchRunner.closed(loop, run.calls(edgeOff).complete(model.id(), expected),
                Scenarios.MAX_CALLS_PER_BATCH), edgeOff),
            new Side("edge-on", BatchRunner.closed(loop, run.calls(edgeOn).complete(model.id(), expected),
                Scenarios.MAX_CALLS_PER_BATCH), edgeOn));
        DriverGc gcBefore = DriverGc.now();
        List<Comparison.Measured> measured = new Comparison(run).run(sides.get(0), sides.get(1));
        return ComparedScenario.result(id(), title(), run, sides, measured, 0, DriverGc.now().since(gcBefore));
      } finally {
        edgeOn.close();
      }
    } finally {
      edgeOff.close();
    }
  }

  private static String resource(String name) {
    try (InputStream in = EdgeScenario.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
