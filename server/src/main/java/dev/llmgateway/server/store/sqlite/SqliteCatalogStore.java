package dev.llmgateway.server.store.sqlite;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.config.Secret;
import dev.llmgateway.server.store.CatalogStore;
import dev.llmgateway.server.store.RuntimeEntry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Keeps the run-time catalogue in the {@code runtime_entries} table. */
public final class SqliteCatalogStore implements CatalogStore {
  private final SqliteDatabase db;

  public SqliteCatalogStore(SqliteDatabase db) {
    this.db = requireNonNull(db, "db");
  }

  @Override
  public void put(RuntimeEntry entry) {
    requireNonNull(entry, "entry");
    db.write("catalog put", c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO runtime_entries (kind, name, spec,"
          + " credential, updated_at) VALUES (?, ?, ?, ?, ?)")) {
        s.setString(1, entry.kind().name());
        s.setString(2, entry.name());
        s.setBytes(3, entry.spec());
        s.setString(4, entry.credential().map(Secret::reveal).orElse(null));
        s.setString(5, entry.updatedAt().toString());
        return s.executeUpdate();
      }
    });
  }

  @Override
  public boolean delete(RuntimeEntry.Kind kind, String name) {
    requireNonNull(kind, "kind");
    requireNonNull(name, "name");
    return db.write("catalog delete", c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM runtime_entries WHERE kind = ? AND name = ?")) {
        s.setString(1, kind.name());
        s.setString(2, name);
        return s.executeUpdate() > 0;
      }
    });
  }

  @Override
  public List<RuntimeEntry> list(RuntimeEntry.Kind kind) {
    requireNonNull(kind, "kind");
    return db.read("catalog list", c -> {
      List<RuntimeEntry> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT name, spec, credential, updated_at FROM runtime_entries"
          + " WHERE kind = ? ORDER BY name")) {
        s.setString(1, kind.name());
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            out.add(new RuntimeEntry(kind, rs.getString(1), rs.getBytes(2),
                Optional.ofNullable(rs.getString(3)).map(Secret::new), Instant.parse(rs.getString(4))));
          }
        }
      }
      return List.copyOf(out);
    });
  }
}
