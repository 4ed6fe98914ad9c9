package dev.llmgateway.server.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.server.store.ApiKeyRecord;
import dev.llmgateway.server.store.ApiKeyStoreContractTest;
import dev.llmgateway.server.store.StoreUnavailableException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SqliteMigrationTest {
  private final TempDatabase databases = new TempDatabase();

  @AfterEach
  void closeDatabases() {
    databases.close();
  }

  @Test
  void migratesAVersionOneDatabaseKeepingItsKeys() {
    SqliteDatabase old = databases.open(1);
    Path file = old.file();
    ApiKeyRecord stored = ApiKeyStoreContractTest.record("key-a", 1);
    old.write("seed", c -> {
      try (PreparedStatement s = c.prepareStatement("INSERT INTO api_keys VALUES (?, ?, ?, 'COMPLETE', '', NULL, 0, ?)")) {
        s.setString(1, stored.id());
        s.setString(2, stored.displayName());
        s.setString(3, stored.keyHashHex());
        s.setString(4, stored.createdAt().toString());
        return s.executeUpdate();
      }
    });
    assertThat(old.schemaVersion()).isEqualTo(1);
    old.close();

    SqliteDatabase current = databases.track(SqliteDatabase.open(file));

    assertThat(current.schemaVersion()).isEqualTo(SqliteMigrations.CURRENT).isEqualTo(2);
    SqliteApiKeyStore keys = new SqliteApiKeyStore(current);
    assertThat(keys.findByHash(ApiKeyStoreContractTest.hash(1))).contains(stored);
    assertThat(new SqliteAuditStore(current).list(java.time.Instant.EPOCH, java.time.Instant.parse("9999-01-01T00:00:00Z"),
        dev.llmgateway.server.store.AuditCursor.START, 1)).isEmpty();
  }

  @Test
  void refusesADatabaseFromANewerGateway() {
    SqliteDatabase db = databases.open();
    Path file = db.file();
    db.write("bump", c -> {
      try (Statement s = c.createStatement()) {
        return s.executeUpdate("UPDATE schema_version SET version = 99");
      }
    });
    db.close();

    assertThatThrownBy(() -> databases.track(SqliteDatabase.open(file)))
        .isInstanceOf(StoreUnavailableException.class)
        .cause().hasMessageContaining("schema version 99 is newer than this gateway's (2)");
  }
}
