package dev.llmgateway.server.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.store.StoreSettings;
import dev.llmgateway.server.store.UsageRecord;
import dev.llmgateway.server.store.UsageStore;
import dev.llmgateway.server.store.UsageStoreContractTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;

class RedisUsageStoreTest extends UsageStoreContractTest {
  @RegisterExtension
  static final RedisServerExtension redis = new RedisServerExtension();

  private static UnifiedJedis client;

  @Override
  protected UsageStore newStore(StoreSettings settings) {
    if (client == null) {
      client = redis.newClient();
    }
    return new RedisUsageStore(client, settings);
  }

  @Test
  void writesADayHashAndBothIndexesWithTheRetentionAsTtl() {
    store.record(new UsageRecord("key_1", "gpt-4o", "openai", DAY, 1, 0, 100, 20, 1_500, 300));

    UnifiedJedis admin = redis.admin();
    assertThat(admin.keys("*")).containsExactlyInAnyOrder(
        "gw:v1:usage:{key_1}:2024-05-01", "gw:v1:usage:{key_1}:days", "gw:v1:usage:tenants");
    assertThat(admin.hgetAll("gw:v1:usage:{key_1}:2024-05-01")).isEqualTo(Map.of(
        "gpt-4o|openai|requests", "1",
        "gpt-4o|openai|errors", "0",
        "gpt-4o|openai|input_tokens", "100",
        "gpt-4o|openai|output_tokens", "20",
        "gpt-4o|openai|cost_micro_usd", "1500",
        "gpt-4o|openai|latency_ms_sum", "300"));
    assertThat(admin.zrangeWithScores("gw:v1:usage:{key_1}:days", 0, -1))
        .containsExactly(new Tuple("2024-05-01", (double) DAY.toEpochDay()));
    assertThat(admin.zrangeWithScores("gw:v1:usage:tenants", 0, -1))
        .containsExactly(new Tuple("key_1", (double) DAY.toEpochDay()));
    for (String key : admin.keys("*")) {
      assertThat(admin.ttl(key)).as(key).isEqualTo(10 * 86_400);
    }
  }

  @Test
  void keepsTheLatestDayOfATenantInTheIndexWhenALateRecordArrives() {
    store.record(new UsageRecord("key_1", "gpt-4o", "openai", DAY.plusDays(1), 1, 0, 0, 0, 0, 0));
    store.record(new UsageRecord("key_1", "gpt-4o", "openai", DAY, 1, 0, 0, 0, 0, 0));

    assertThat(redis.admin().zscore("gw:v1:usage:tenants", "key_1")).isEqualTo((double) DAY.plusDays(1).toEpochDay());
  }
}
