package dev.llmgateway.server.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.store.ApiKeyRecord;
import dev.llmgateway.server.store.ApiKeyStore;
import dev.llmgateway.server.store.ApiKeyStoreContractTest;
import dev.llmgateway.server.store.Scope;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

class RedisApiKeyStoreTest extends ApiKeyStoreContractTest {
  @RegisterExtension
  static final RedisServerExtension redis = new RedisServerExtension();

  private static UnifiedJedis client;

  @Override
  protected ApiKeyStore newStore() {
    if (client == null) {
      client = redis.newClient();
    }
    return new RedisApiKeyStore(client);
  }

  @Test
  void writesARecordHashAndAHashIndex() {
    store.put(new ApiKeyRecord("key_1", "CI", hash(1), Set.of(Scope.EMBED, Scope.COMPLETE), Set.of("b", "a"),
        Optional.of(Instant.parse("2025-01-01T00:00:00Z")), false, CREATED));

    UnifiedJedis admin = redis.admin();
    String hex = HexFormat.of().formatHex(hash(1));
    assertThat(admin.keys("*")).containsExactlyInAnyOrder("gw:v1:apikey:{key_1}", "gw:v1:apikey:byhash",
        "gw:v1:apikey:ids");
    assertThat(admin.smembers("gw:v1:apikey:ids")).containsExactly("key_1");
    assertThat(admin.hgetAll("gw:v1:apikey:byhash")).isEqualTo(Map.of(hex, "key_1"));
    assertThat(admin.hgetAll("gw:v1:apikey:{key_1}")).isEqualTo(Map.of(
        "id", "key_1",
        "display_name", "CI",
        "key_hash", hex,
        "scopes", "COMPLETE,EMBED",
        "models", "a\nb",
        "expires_at", "2025-01-01T00:00:00Z",
        "disabled", "false",
        "created_at", "2024-05-01T12:00:00.123456789Z"));
    assertThat(admin.ttl("gw:v1:apikey:{key_1}")).isEqualTo(-1);
  }

  @Test
  void ignoresAnIndexEntryLeftBehindByAnInterruptedRotation() {
    store.put(record("key_1", 2));
    redis.admin().hset("gw:v1:apikey:byhash", HexFormat.of().formatHex(hash(1)), "key_1");

    assertThat(store.findByHash(hash(1))).isEmpty();
    assertThat(store.list()).extracting(ApiKeyRecord::id).containsExactly("key_1");
  }

  @Test
  void grantsNoScopeItDoesNotKnow() {
    store.put(record("key_1", 1));
    redis.admin().hset("gw:v1:apikey:{key_1}", "scopes", "COMPLETE,TELEPORT");

    assertThat(store.get("key_1").orElseThrow().scopes()).containsExactly(Scope.COMPLETE);
  }
}
