package dev.llmgateway.server.store.memory;

import dev.llmgateway.server.store.StoreSettings;
import dev.llmgateway.server.store.UsageStore;
import dev.llmgateway.server.store.UsageStoreContractTest;

class InMemoryUsageStoreTest extends UsageStoreContractTest {
  @Override
  protected UsageStore newStore(StoreSettings settings) {
    return new InMemoryUsageStore(settings);
  }
}
