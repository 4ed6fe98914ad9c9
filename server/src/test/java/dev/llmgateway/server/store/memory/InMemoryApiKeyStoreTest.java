package dev.llmgateway.server.store.memory;

import dev.llmgateway.server.store.ApiKeyStore;
import dev.llmgateway.server.store.ApiKeyStoreContractTest;

class InMemoryApiKeyStoreTest extends ApiKeyStoreContractTest {
  @Override
  protected ApiKeyStore newStore() {
    return new InMemoryApiKeyStore();
  }
}
