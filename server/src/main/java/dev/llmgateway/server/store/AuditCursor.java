package dev.llmgateway.server.store;

/**
 * A position in the audit log's order: by time in epoch milliseconds, then by id.
 *
 * @param timeMillis the time of the last event seen
 * @param id the id of the last event seen
 */
public record AuditCursor(long timeMillis, long id) {
  /** The position before every event. */
  public static final AuditCursor START = new AuditCursor(Long.MIN_VALUE, Long.MIN_VALUE);

  /** Returns the position just after {@code event}. */
  public static AuditCursor after(AuditEvent event) {
    return new AuditCursor(event.time().toEpochMilli(), event.id());
  }
}
