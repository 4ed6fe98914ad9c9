package dev.llmgateway.server.store.sqlite;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.lifecycle.Managed;
import dev.llmgateway.server.store.StoreUnavailableException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Closes the embedded store after the server drained: the queued usage is committed, then the file closed. */
@Singleton
final class SqliteLifecycle implements Managed {
  private static final Logger logger = Logger.getLogger(SqliteLifecycle.class.getName());

  private final SqliteUsageStore usage;
  private final SqliteDatabase db;

  @Inject
  SqliteLifecycle(SqliteUsageStore usage, SqliteDatabase db) {
    this.usage = usage;
    this.db = db;
  }

  @Override
  public void start() {
    logger.info(() -> "embedded store " + db.file().toAbsolutePath() + " (schema version " + db.schemaVersion() + ")");
  }

  @Override
  public void close() {
    usage.close();
    try {
      db.close();
    } catch (StoreUnavailableException e) {
      logger.log(Level.WARNING, "embedded store did not close cleanly; SQLite recovers it at the next start", e);
    }
  }
}
