package dev.llmgateway.server.store.memory;

import dev.llmgateway.server.store.CatalogStore;
import dev.llmgateway.server.store.CatalogStoreContractTest;

class InMemoryCatalogStoreTest extends CatalogStoreContractTest {
  @Override
  protected CatalogStore newStore() {
    return new InMemoryCatalogStore();
  }
}
