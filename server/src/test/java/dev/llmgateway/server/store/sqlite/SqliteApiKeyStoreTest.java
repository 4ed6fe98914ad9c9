package dev.llmgateway.server.store.sqlite;

import dev.llmgateway.server.store.ApiKeyStore;
import dev.llmgateway.server.store.ApiKeyStoreContractTest;
import org.junit.jupiter.api.AfterEach;

class SqliteApiKeyStoreTest extends ApiKeyStoreContractTest {
  private final TempDatabase databases = new TempDatabase();

  @Override
  protected ApiKeyStore newStore() {
    return new SqliteApiKeyStore(databases.open());
  }

  @AfterEach
  void closeDatabases() {
    databases.close();
  }
}
