package dev.llmgateway.server.store.sqlite;

import dev.llmgateway.server.store.StoreSettings;
import dev.llmgateway.server.store.UsageStore;
import dev.llmgateway.server.store.UsageStoreContractTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

class SqliteUsageStoreTest extends UsageStoreContractTest {
  private final TempDatabase databases = new TempDatabase();
  private final List<SqliteUsageStore> stores = new ArrayList<>();

  @Override
  protected UsageStore newStore(StoreSettings settings) {
    SqliteUsageStore store = new SqliteUsageStore(databases.open(), settings);
    stores.add(store);
    return store;
  }

  @AfterEach
  void closeStores() {
    stores.forEach(SqliteUsageStore::close);
    databases.close();
  }
}
