package dev.llmgateway.server.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.server.config.Secret;
import dev.llmgateway.server.store.ApiKeyStoreContractTest;
import dev.llmgateway.server.store.StoreUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

class RedisClientsTest {
  @RegisterExtension
  static final RedisServerExtension redis = new RedisServerExtension();

  @Test
  void buildsAStandaloneClientThatNamesItself() {
    UnifiedJedis client = redis.register(RedisClients.create(RedisConfig.standalone(redis.endpoint())));

    assertThat(client).isInstanceOf(RedisClient.class);
    assertThat(client.ping()).isEqualTo("PONG");
    try (Jedis connection = redis.connect()) {
      assertThat(connection.clientList()).contains("name=" + RedisClients.CLIENT_NAME);
    }
  }

  @Test
  void authenticatesAsTheConfiguredAclUser() {
    try (Jedis connection = redis.connect()) {
      connection.aclSetUser("gateway", "on", ">s3cret-for-tests", "~gw:*", "+@all");
    }

    UnifiedJedis good = redis.register(RedisClients.create(withCredentials("gateway", "s3cret-for-tests")));
    UnifiedJedis bad = redis.register(RedisClients.create(withCredentials("gateway", "wrong")));

    new RedisApiKeyStore(good).put(ApiKeyStoreContractTest.record("key_1", 1));
    assertThat(new RedisApiKeyStore(good).get("key_1")).isPresent();
    assertThatThrownBy(() -> new RedisApiKeyStore(bad).get("key_1"))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessage("store unavailable: api key get");
  }

  @Test
  void usesTheConfiguredDatabase() {
    RedisConfig base = RedisConfig.standalone(redis.endpoint());
    RedisConfig db2 = new RedisConfig(base.mode(), base.endpoints(), Optional.empty(), Optional.empty(),
        Optional.empty(), 2, false, 4, base.connectTimeout(), base.socketTimeout(), base.poolMaxWait());

    new RedisApiKeyStore(redis.register(RedisClients.create(db2))).put(ApiKeyStoreContractTest.record("key_1", 1));

    assertThat(new RedisApiKeyStore(redis.register(RedisClients.create(base))).isEmpty()).isTrue();
    assertThat(new RedisApiKeyStore(redis.register(RedisClients.create(db2))).isEmpty()).isFalse();
  }

  @Test
  void validatesTheConfiguration() {
    RedisConfig ok = RedisConfig.standalone("localhost:6379");
    assertThatThrownBy(() -> RedisConfig.standalone("localhost"))
        .hasMessage("endpoints: \"localhost\" (expected: host:port)");
    assertThatThrownBy(() -> RedisConfig.standalone("localhost:http"))
        .hasMessage("endpoints: \"localhost:http\" (expected: host:port)");
    assertThatThrownBy(() -> RedisConfig.standalone(":6379"))
        .hasMessage("endpoints: \":6379\" (expected: host:port)");
    assertThatThrownBy(() -> config(RedisConfig.Mode.STANDALONE, List.of("a:1", "b:2"), Optional.empty(), 0))
        .hasMessage("endpoints: [a:1, b:2] (expected: exactly one in STANDALONE mode)");
    assertThatThrownBy(() -> config(RedisConfig.Mode.SENTINEL, List.of("a:26379"), Optional.empty(), 0))
        .hasMessage("sentinelMaster: missing (expected: the master's name in SENTINEL mode)");
    assertThatThrownBy(() -> config(RedisConfig.Mode.CLUSTER, List.of("a:1"), Optional.of("m"), 0))
        .hasMessage("sentinelMaster: set (expected: only in SENTINEL mode)");
    assertThatThrownBy(() -> config(RedisConfig.Mode.CLUSTER, List.of("a:1", "b:2"), Optional.empty(), 1))
        .hasMessage("database: 1 (expected: 0 in CLUSTER mode)");
    assertThatThrownBy(() -> ok.withTimeouts(Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessage("connectTimeout: PT0S (expected: 1ms to 24 days)");
    assertThat(RedisEndpoint.parse("[::1]:6380").toString()).isEqualTo("::1:6380");
  }

  private static RedisConfig withCredentials(String user, String password) {
    RedisConfig base = RedisConfig.standalone(redis.endpoint());
    return new RedisConfig(base.mode(), base.endpoints(), Optional.empty(), Optional.of(new Secret(user)),
        Optional.of(new Secret(password)), 0, false, 4, base.connectTimeout(), base.socketTimeout(),
        base.poolMaxWait());
  }

  private static RedisConfig config(RedisConfig.Mode mode, List<String> endpoints, Optional<String> master,
      int database) {
    return new RedisConfig(mode, endpoints, master, Optional.empty(), Optional.empty(), database, false, 4,
        Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
  }
}
