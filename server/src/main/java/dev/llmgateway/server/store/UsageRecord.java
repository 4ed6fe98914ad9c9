package dev.llmgateway.server.store;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * The usage of one or more calls, added to the day's aggregate for its tenant, model and provider.
 *
 * @param tenant the API key id
 * @param model the upstream model
 * @param provider the configured provider name
 * @param day the UTC day the calls count for
 * @param requests how many calls
 * @param errors how many of them failed
 * @param inputTokens prompt tokens
 * @param outputTokens completion tokens
 * @param costMicroUsd cost in millionths of a US dollar
 * @param latencyMsSum the calls' latencies added up, in milliseconds
 */
public record UsageRecord(
    String tenant, String model, String provider, LocalDate day, long requests, long errors, long inputTokens,
    long outputTokens, long costMicroUsd, long latencyMsSum) {
  public UsageRecord {
    requireNonBlank("tenant", tenant);
    requireNonBlank("model", model);
    requireNonBlank("provider", provider);
    requireNonNull(day, "day");
    requireNonNegative("requests", requests);
    requireNonNegative("errors", errors);
    requireNonNegative("inputTokens", inputTokens);
    requireNonNegative("outputTokens", outputTokens);
    requireNonNegative("costMicroUsd", costMicroUsd);
    requireNonNegative("latencyMsSum", latencyMsSum);
  }

  private static void requireNonBlank(String name, String value) {
    requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + ": blank");
    }
  }

  private static void requireNonNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0)");
    }
  }
}
