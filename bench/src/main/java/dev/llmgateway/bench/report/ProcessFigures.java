package dev.llmgateway.bench.report;

import javax.annotation.Nullable;

/**
 * Reports what a gateway process cost during a scenario.
 *
 * @param cpuPerCallMs its CPU time (user + system) during its own batches, divided by their calls
 * @param rssMib resident memory at the end of the scenario
 * @param peakRssMib peak resident memory of the process so far
 * @param heapUsedMib Java heap in use at the end of the scenario (null when it could not be read)
 * @param heapCommittedMib Java heap committed at the end of the scenario (null when it could not be read)
 * @param threads its thread count at the end of the scenario
 */
public record ProcessFigures(double cpuPerCallMs, double rssMib, double peakRssMib, @Nullable Double heapUsedMib,
    @Nullable Double heapCommittedMib, int threads) {}
