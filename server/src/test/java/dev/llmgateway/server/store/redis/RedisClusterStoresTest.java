package dev.llmgateway.server.store.redis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.server.store.ApiKeyStore;
import dev.llmgateway.server.store.ApiKeyStoreContractTest;
import dev.llmgateway.server.store.QuotaStore;
import dev.llmgateway.server.store.QuotaStoreContractTest;
import dev.llmgateway.server.store.StoreSettings;
import dev.llmgateway.server.store.UsageStore;
import dev.llmgateway.server.store.UsageStoreContractTest;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The store contracts through a Cluster client, against a one-node Redis Cluster: the server refuses any
 * script or command whose keys span slots, so this proves every quota script stays inside one hash tag.
 */
class RedisClusterStoresTest {
  @RegisterExtension
  static final RedisServerExtension redis = RedisServerExtension.cluster();

  private static UnifiedJedis client;

  private static UnifiedJedis client() {
    if (client == null) {
      client = redis.newClient();
    }
    return client;
  }

  @Test
  void refusesKeysFromTwoSlotsInOneScript() {
    assertThatThrownBy(() -> client().eval("return 1", List.of("{a}x", "{b}y"), List.of()))
        .isInstanceOf(JedisException.class);
  }

  @Nested
  class Quota extends QuotaStoreContractTest {
    @Override
    protected QuotaStore newStore(StoreSettings settings) {
      return new RedisQuotaStore(client(), settings);
    }
  }

  @Nested
  class Usage extends UsageStoreContractTest {
    @Override
    protected UsageStore newStore(StoreSettings settings) {
      return new RedisUsageStore(client(), settings);
    }
  }

  @Nested
  class ApiKeys extends ApiKeyStoreContractTest {
    @Override
    protected ApiKeyStore newStore() {
      return new RedisApiKeyStore(client());
    }
  }
}
