package dev.llmgateway.server.store;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Keeps daily usage per tenant, model and provider for reports, for {@link StoreSettings#usageRetention}.
 * Writes are cheap and not transactional: a write cut short by a failure may count in part. Implementations
 * are thread-safe. Every method may throw {@link StoreUnavailableException}.
 */
public interface UsageStore {

  /** Adds a record's counts to its day's aggregate. */
  void record(UsageRecord record);

  /**
   * Returns the aggregates of the days from {@code from} to {@code to}, both included, for one tenant or all,
   * in {@link UsageAggregate#REPORT_ORDER}.
   *
   * @throws IllegalArgumentException when {@code from} is after {@code to}
   */
  List<UsageAggregate> query(Optional<String> tenant, LocalDate from, LocalDate to);
}
