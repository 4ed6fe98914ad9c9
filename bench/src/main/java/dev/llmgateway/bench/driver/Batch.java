package dev.llmgateway.bench.driver;

/**
 * Sums up one batch of calls.
 *
 * @param elapsedNanos the batch's wall-clock time
 * @param calls the calls it made, successful or not
 */
public record Batch(long elapsedNanos, long calls) {}
