package dev.llmgateway.server.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.server.store.ApiKeyRecord;
import dev.llmgateway.server.store.ApiKeyStoreContractTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

class RedisSchemaTest {
  @RegisterExtension
  static final RedisServerExtension redis = new RedisServerExtension();

  @Test
  void migratesAVersionOneLayoutKeepingItsKeys() {
    UnifiedJedis admin = redis.admin();
    // Layout 1 as an older gateway wrote it: the record and the hash index, no id set, no version key.
    ApiKeyRecord stored = ApiKeyStoreContractTest.record("key_1", 1);
    admin.hset("gw:v1:apikey:{key_1}", Map.of("id", "key_1", "display_name", stored.displayName(),
        "key_hash", stored.keyHashHex(), "scopes", "COMPLETE", "models", "", "disabled", "false",
        "created_at", stored.createdAt().toString()));
    admin.hset("gw:v1:apikey:byhash", stored.keyHashHex(), "key_1");
    UnifiedJedis client = redis.newClient();

    RedisSchema schema = new RedisSchema(client);

    assertThat(schema.migrate()).isEqualTo(1);
    assertThat(admin.get("gw:v1:schema")).isEqualTo("2");
    assertThat(admin.smembers("gw:v1:apikey:ids")).containsExactly("key_1");
    RedisApiKeyStore keys = new RedisApiKeyStore(client, schema);
    assertThat(keys.list()).containsExactly(stored);
    assertThat(keys.isEmpty()).isFalse();
    assertThat(new RedisSchema(client).migrate()).isEqualTo(2);
  }

  @Test
  void marksAnEmptyDatabaseCurrent() {
    assertThat(new RedisSchema(redis.newClient()).migrate()).isZero();
    assertThat(redis.admin().get("gw:v1:schema")).isEqualTo("2");
  }

  @Test
  void refusesALayoutFromANewerGateway() {
    redis.admin().set("gw:v1:schema", "7");

    assertThatThrownBy(() -> new RedisSchema(redis.newClient()).migrate())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("version 7 is newer than this gateway's (2)");
  }
}
