package dev.llmgateway.server.store.sqlite;

import dev.llmgateway.server.store.CatalogStore;
import dev.llmgateway.server.store.CatalogStoreContractTest;
import org.junit.jupiter.api.AfterEach;

class SqliteCatalogStoreTest extends CatalogStoreContractTest {
  private final TempDatabase databases = new TempDatabase();

  @Override
  protected CatalogStore newStore() {
    return new SqliteCatalogStore(databases.open());
  }

  @AfterEach
  void closeDatabases() {
    databases.close();
  }
}
