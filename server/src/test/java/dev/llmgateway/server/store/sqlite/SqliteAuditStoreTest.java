package dev.llmgateway.server.store.sqlite;

import dev.llmgateway.server.store.AuditStore;
import dev.llmgateway.server.store.AuditStoreContractTest;
import org.junit.jupiter.api.AfterEach;

class SqliteAuditStoreTest extends AuditStoreContractTest {
  private final TempDatabase databases = new TempDatabase();

  @Override
  protected AuditStore newStore() {
    return new SqliteAuditStore(databases.open());
  }

  @AfterEach
  void closeDatabases() {
    databases.close();
  }
}
