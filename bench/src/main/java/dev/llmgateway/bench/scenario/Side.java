package dev.llmgateway.bench.scenario;

import dev.llmgateway.bench.driver.BatchRunner;
import dev.llmgateway.bench.gateway.GatewayProcess;
import javax.annotation.Nullable;

/**
 * One of the two paths a scenario compares.
 *
 * @param name the path's name in reports, e.g. "direct" or "gateway"
 * @param runner runs one batch of calls on this path
 * @param process the gateway process serving this path, whose CPU is measured; null for the direct path
 */
public record Side(String name, BatchRunner runner, @Nullable GatewayProcess process) {}
