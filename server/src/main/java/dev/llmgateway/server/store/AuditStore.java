package dev.llmgateway.server.store;

import java.time.Instant;
import java.util.List;

/**
 * Keeps the audit log of admin changes, ordered by time (millisecond precision) and then id. Entries are
 * never changed or removed. Implementations are thread-safe. Every method may throw
 * {@link StoreUnavailableException}.
 */
public interface AuditStore {

  /** Appends {@code event} (its id is ignored) and returns it with the id assigned; durable on return. */
  AuditEvent append(AuditEvent event);

  /**
   * Returns up to {@code limit} events after {@code cursor} whose time is in {@code [from, to)}, in log
   * order.
   *
   * @throws IllegalArgumentException when {@code limit} is not positive
   */
  List<AuditEvent> list(Instant from, Instant to, AuditCursor cursor, int limit);

  /** Returns {@code limit} when positive, for implementations of {@link #list}; throws otherwise. */
  static int checkLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit: " + limit + " (expected: > 0)");
    }
    return limit;
  }
}
