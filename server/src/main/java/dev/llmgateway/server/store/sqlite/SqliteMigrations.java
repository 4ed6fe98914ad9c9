package dev.llmgateway.server.store.sqlite;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The embedded schema as an ordered list of migrations; {@code schema_version} holds how many have run. A
 * database written by an older gateway is brought forward at start, in one transaction per step; a database
 * from a newer gateway is refused rather than misread.
 */
final class SqliteMigrations {
  /** Each step's statements; step n (from 1) takes the schema from version n - 1 to n. */
  static final List<List<String>> STEPS = List.of(
      List.of(
          "CREATE TABLE api_keys (id TEXT PRIMARY KEY, display_name TEXT NOT NULL, key_hash TEXT NOT NULL UNIQUE,"
              + " scopes TEXT NOT NULL, models TEXT NOT NULL, expires_at TEXT, disabled INTEGER NOT NULL,"
              + " created_at TEXT NOT NULL)",
          "CREATE TABLE usage_daily (tenant TEXT NOT NULL, model TEXT NOT NULL, provider TEXT NOT NULL,"
              + " day TEXT NOT NULL, requests INTEGER NOT NULL, errors INTEGER NOT NULL,"
              + " input_tokens INTEGER NOT NULL, output_tokens INTEGER NOT NULL, cost_micro_usd INTEGER NOT NULL,"
              + " latency_ms_sum INTEGER NOT NULL, PRIMARY KEY (tenant, model, provider, day))",
          "CREATE INDEX usage_daily_day ON usage_daily (day)"),
      List.of(
          // Key rotation with an overlap: the replaced hash keeps finding its key until it ends.
          "ALTER TABLE api_keys ADD COLUMN previous_key_hash TEXT",
          "ALTER TABLE api_keys ADD COLUMN previous_valid_until TEXT",
          "CREATE UNIQUE INDEX api_keys_previous_key_hash ON api_keys (previous_key_hash)",
          "CREATE TABLE audit_log (id INTEGER PRIMARY KEY AUTOINCREMENT, time_ms INTEGER NOT NULL,"
              + " time TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL,"
              + " before_summary TEXT NOT NULL, after_summary TEXT NOT NULL)",
          "CREATE INDEX audit_log_time ON audit_log (time_ms, id)",
          "CREATE TABLE runtime_entries (kind TEXT NOT NULL, name TEXT NOT NULL, spec BLOB NOT NULL,"
              + " credential TEXT, updated_at TEXT NOT NULL, PRIMARY KEY (kind, name))"));

  /** The version this gateway writes. */
  static final int CURRENT = STEPS.size();

  private SqliteMigrations() {}

  /** Brings the schema to {@code target} (at most {@link #CURRENT}); returns the version found before. */
  static int migrate(Connection c, int target) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    }
    int found = version(c);
    if (found > CURRENT) {
      throw new SQLException("database schema version " + found + " is newer than this gateway's (" + CURRENT
          + "): run a newer gateway");
    }
    for (int v = found; v < target; v++) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        for (String sql : STEPS.get(v)) {
          s.executeUpdate(sql);
        }
        s.executeUpdate("DELETE FROM schema_version");
        s.executeUpdate("INSERT INTO schema_version (version) VALUES (" + (v + 1) + ")");
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
    return found;
  }

  /** Returns the schema version, 0 for a new database. */
  static int version(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
