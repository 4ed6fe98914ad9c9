package dev.llmgateway.server.store.sqlite;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.store.StoreUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One SQLite database file, opened once: WAL journal with {@code synchronous=FULL}, so a committed write
 * survives a process crash and a power loss, and the schema migrated to the current version. Every use goes
 * through {@link #read} or {@link #write} on the one connection, one at a time; SQLite serialises writers
 * anyway. A failure becomes {@link StoreUnavailableException}. Thread-safe.
 */
public final class SqliteDatabase implements AutoCloseable {
  /** A unit of work on the connection. */
  @FunctionalInterface
  public interface Work<T> {
    /** Runs on the connection. */
    T run(Connection c) throws SQLException;
  }

  private final Path file;
  private final Connection connection;

  private SqliteDatabase(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /**
   * Opens (creating when missing, parent folders included) the database at {@code file} and migrates it to the
   * current schema.
   *
   * @throws StoreUnavailableException when it cannot be opened or migrated
   */
  public static SqliteDatabase open(Path file) {
    return open(file, SqliteMigrations.CURRENT);
  }

  /** Opens the database migrating only to {@code version}: for tests that build an older database. */
  static SqliteDatabase open(Path file, int version) {
    requireNonNull(file, "file");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA busy_timeout=5000");
      }
      SqliteMigrations.migrate(c, version);
      return new SqliteDatabase(file, c);
    } catch (SQLException | IOException e) {
      throw new StoreUnavailableException("open embedded store " + file, e);
    }
  }

  /** Returns the database file. */
  public Path file() {
    return file;
  }

  /** Returns {@code work}'s result, run on the connection in auto-commit mode. */
  public <T> T read(String operation, Work<T> work) {
    synchronized (connection) {
      try {
        return work.run(connection);
      } catch (SQLException e) {
        throw new StoreUnavailableException(operation, e);
      }
    }
  }

  /** Returns {@code work}'s result, run in one transaction: committed (durably) on return, rolled back on failure. */
  public <T> T write(String operation, Work<T> work) {
    synchronized (connection) {
      try {
        connection.setAutoCommit(false);
        try {
          T result = work.run(connection);
          connection.commit();
          return result;
        } catch (SQLException | RuntimeException e) {
          connection.rollback();
          throw e;
        } finally {
          connection.setAutoCommit(true);
        }
      } catch (SQLException e) {
        throw new StoreUnavailableException(operation, e);
      }
    }
  }

  /** Returns the schema version of the open database. */
  public int schemaVersion() {
    return read("schema version", SqliteMigrations::version);
  }

  @Override
  public void close() {
    synchronized (connection) {
      try {
        connection.close();
      } catch (SQLException e) {
        throw new StoreUnavailableException("close embedded store " + file, e);
      }
    }
  }
}
