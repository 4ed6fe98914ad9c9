package dev.llmgateway.server.store.memory;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.store.AuditCursor;
import dev.llmgateway.server.store.AuditEvent;
import dev.llmgateway.server.store.AuditStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Keeps the audit log in this process behind one lock. */
public final class InMemoryAuditStore implements AuditStore {
  private static final Comparator<AuditEvent> ORDER =
      Comparator.comparing(AuditEvent::time).thenComparingLong(AuditEvent::id);

  private final Object lock = new Object();
  private final List<AuditEvent> events = new ArrayList<>();
  private long lastId;

  @Override
  public AuditEvent append(AuditEvent event) {
    requireNonNull(event, "event");
    synchronized (lock) {
      AuditEvent stored = event.withId(++lastId);
      events.add(stored);
      return stored;
    }
  }

  @Override
  public List<AuditEvent> list(Instant from, Instant to, AuditCursor cursor, int limit) {
    AuditStore.checkLimit(limit);
    List<AuditEvent> out = new ArrayList<>();
    synchronized (lock) {
      for (AuditEvent e : events) {
        if (!e.time().isBefore(from) && e.time().isBefore(to) && e.isAfter(cursor)) {
          out.add(e);
        }
      }
    }
    out.sort(ORDER);
    return List.copyOf(out.subList(0, Math.min(limit, out.size())));
  }
}
