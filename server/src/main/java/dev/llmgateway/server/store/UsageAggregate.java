package dev.llmgateway.server.store;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Comparator;

/**
 * The sums of every {@link UsageRecord} for one tenant, model, provider and UTC day.
 *
 * @param tenant the API key id
 * @param model the upstream model
 * @param provider the configured provider name
 * @param day the UTC day
 * @param requests calls
 * @param errors failed calls
 * @param inputTokens prompt tokens
 * @param outputTokens completion tokens
 * @param costMicroUsd cost in millionths of a US dollar
 * @param latencyMsSum latencies added up, in milliseconds
 */
public record UsageAggregate(
    String tenant, String model, String provider, LocalDate day, long requests, long errors, long inputTokens,
    long outputTokens, long costMicroUsd, long latencyMsSum) {
  /** The order {@link UsageStore#query} returns: by day, then tenant, model and provider. */
  public static final Comparator<UsageAggregate> REPORT_ORDER = Comparator.comparing(UsageAggregate::day)
      .thenComparing(UsageAggregate::tenant)
      .thenComparing(UsageAggregate::model)
      .thenComparing(UsageAggregate::provider);

  public UsageAggregate {
    requireNonNull(tenant, "tenant");
    requireNonNull(model, "model");
    requireNonNull(provider, "provider");
    requireNonNull(day, "day");
  }
}
