package dev.llmgateway.server.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One admin change as the audit log keeps it. Summaries never hold a secret: callers redact first.
 *
 * @param id a unique id the store assigns, increasing in append order; 0 before it is appended
 * @param time when the change was made
 * @param actor the id of the admin key that made it
 * @param action what was done, e.g. the method name {@code RevokeApiKey}
 * @param target what was changed, e.g. {@code api_key/team-a}
 * @param before the target before the change; empty when it did not exist
 * @param after the target after the change; empty when it no longer exists
 */
public record AuditEvent(long id, Instant time, String actor, String action, String target, String before,
    String after) {
  public AuditEvent {
    requireNonNull(time, "time");
    requireNonNull(actor, "actor");
    requireNonNull(action, "action");
    requireNonNull(target, "target");
    requireNonNull(before, "before");
    requireNonNull(after, "after");
    if (id < 0) {
      throw new IllegalArgumentException("id: " + id + " (expected: >= 0)");
    }
  }

  /** Returns this event with the id the store assigned. */
  public AuditEvent withId(long assigned) {
    return new AuditEvent(assigned, time, actor, action, target, before, after);
  }

  /** Returns whether this event comes after {@code cursor} in the log's (time, id) order. */
  public boolean isAfter(AuditCursor cursor) {
    long millis = time.toEpochMilli();
    return millis > cursor.timeMillis() || (millis == cursor.timeMillis() && id > cursor.id());
  }
}
