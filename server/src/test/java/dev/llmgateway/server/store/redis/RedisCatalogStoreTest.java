package dev.llmgateway.server.store.redis;

import dev.llmgateway.server.store.CatalogStore;
import dev.llmgateway.server.store.CatalogStoreContractTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

class RedisCatalogStoreTest extends CatalogStoreContractTest {
  @RegisterExtension
  static final RedisServerExtension redis = new RedisServerExtension();

  private static UnifiedJedis client;

  @Override
  protected CatalogStore newStore() {
    if (client == null) {
      client = redis.newClient();
    }
    return new RedisCatalogStore(client);
  }
}
