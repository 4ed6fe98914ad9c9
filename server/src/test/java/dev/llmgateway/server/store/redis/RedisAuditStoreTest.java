package dev.llmgateway.server.store.redis;

import dev.llmgateway.server.store.AuditStore;
import dev.llmgateway.server.store.AuditStoreContractTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

class RedisAuditStoreTest extends AuditStoreContractTest {
  @RegisterExtension
  static final RedisServerExtension redis = new RedisServerExtension();

  private static UnifiedJedis client;

  @Override
  protected AuditStore newStore() {
    if (client == null) {
      client = redis.newClient();
    }
    return new RedisAuditStore(client);
  }
}
