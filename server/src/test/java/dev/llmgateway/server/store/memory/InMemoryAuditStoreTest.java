package dev.llmgateway.server.store.memory;

import dev.llmgateway.server.store.AuditStore;
import dev.llmgateway.server.store.AuditStoreContractTest;

class InMemoryAuditStoreTest extends AuditStoreContractTest {
  @Override
  protected AuditStore newStore() {
    return new InMemoryAuditStore();
  }
}
