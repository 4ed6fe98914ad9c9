package dev.llmgateway.bench.scenario;

import dev.llmgateway.bench.gateway.BenchModel;
import dev.llmgateway.bench.gateway.GatewayStartException;
import dev.llmgateway.bench.report.ScenarioResult;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/** One measured situation, such as unary calls at a fixed concurrency. */
public interface Scenario {
  /** Returns the id used on the command line and in reports. */
  String id();

  /** Returns a one-line description. */
  String title();

  /** Returns the provider types the gateway build must have for this scenario to run. */
  Set<String> providerTypes();

  /** Returns the models this scenario calls on the shared gateway; empty when it launches its own. */
  List<BenchModel> models();

  /**
   * Runs the scenario and returns its result.
   *
   * @throws GatewayStartException if a gateway it needs did not start
   */
  ScenarioResult run(BenchRun run) throws InterruptedException, IOException, GatewayStartException;
}
