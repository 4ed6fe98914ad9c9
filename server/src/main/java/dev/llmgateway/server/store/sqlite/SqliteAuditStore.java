package dev.llmgateway.server.store.sqlite;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.store.AuditCursor;
import dev.llmgateway.server.store.AuditEvent;
import dev.llmgateway.server.store.AuditStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Keeps the audit log in the {@code audit_log} table; ids come from SQLite's AUTOINCREMENT, never reused. */
public final class SqliteAuditStore implements AuditStore {
  private final SqliteDatabase db;

  public SqliteAuditStore(SqliteDatabase db) {
    this.db = requireNonNull(db, "db");
  }

  @Override
  public AuditEvent append(AuditEvent event) {
    requireNonNull(event, "event");
    return db.write("audit append", c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO audit_log (time_ms, time, actor, action, target,"
          + " before_summary, after_summary) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        s.setLong(1, event.time().toEpochMilli());
        s.setString(2, event.time().toString());
        s.setString(3, event.actor());
        s.setString(4, event.action());
        s.setString(5, event.target());
        s.setString(6, event.before());
        s.setString(7, event.after());
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement("SELECT last_insert_rowid()"); ResultSet rs = s.executeQuery()) {
        rs.next();
        return event.withId(rs.getLong(1));
      }
    });
  }

  @Override
  public List<AuditEvent> list(Instant from, Instant to, AuditCursor cursor, int limit) {
    AuditStore.checkLimit(limit);
    return db.read("audit list", c -> {
      List<AuditEvent> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT id, time, actor, action, target, before_summary,"
          + " after_summary FROM audit_log WHERE time_ms >= ? AND time_ms < ? AND (time_ms > ? OR (time_ms = ?"
          + " AND id > ?)) ORDER BY time_ms, id LIMIT ?")) {
        s.setLong(1, from.toEpochMilli());
        s.setLong(2, to.toEpochMilli());
        s.setLong(3, cursor.timeMillis());
        s.setLong(4, cursor.timeMillis());
        s.setLong(5, cursor.id());
        s.setInt(6, limit);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.add(new AuditEvent(rs.getLong(1), Instant.parse(rs.getString(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7)));
          }
        }
      }
      return List.copyOf(out);
    });
  }
}
