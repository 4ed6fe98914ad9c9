package dev.llmgateway.server.store.memory;

import dev.llmgateway.server.store.QuotaStore;
import dev.llmgateway.server.store.QuotaStoreContractTest;
import dev.llmgateway.server.store.StoreSettings;

class InMemoryQuotaStoreTest extends QuotaStoreContractTest {
  @Override
  protected QuotaStore newStore(StoreSettings settings) {
    return new InMemoryQuotaStore(settings);
  }
}
