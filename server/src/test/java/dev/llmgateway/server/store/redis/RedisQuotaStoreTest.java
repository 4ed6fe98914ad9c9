package dev.llmgateway.server.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.store.QuotaCharge;
import dev.llmgateway.server.store.QuotaLimit;
import dev.llmgateway.server.store.QuotaStore;
import dev.llmgateway.server.store.QuotaStoreContractTest;
import dev.llmgateway.server.store.Reservation;
import dev.llmgateway.server.store.StoreSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

class RedisQuotaStoreTest extends QuotaStoreContractTest {
  @RegisterExtension
  static final RedisServerExtension redis = new RedisServerExtension();

  private static UnifiedJedis client;

  @Override
  protected QuotaStore newStore(StoreSettings settings) {
    if (client == null) {
      client = redis.newClient();
    }
    return new RedisQuotaStore(client, settings);
  }

  @Test
  void writesOneKeyPerWindowLimitAndReservationWithTtls() {
    store.acquire("key_1", List.of(QuotaCharge.of(RPM, 1), QuotaCharge.of(TPD, 250), QuotaCharge.lease(CONCURRENT)),
        "req-1", T0);

    UnifiedJedis admin = redis.admin();
    assertThat(admin.keys("*")).containsExactlyInAnyOrder(
        "gw:v1:quota:{key_1}:requests_per_minute:1714564800",
        "gw:v1:quota:{key_1}:tokens_per_day:model=gpt-4o:1714521600",
        "gw:v1:lease:{key_1}:concurrent_requests",
        "gw:v1:resv:{key_1}:req-1");
    assertThat(admin.get("gw:v1:quota:{key_1}:requests_per_minute:1714564800")).isEqualTo("1");
    assertThat(admin.get("gw:v1:quota:{key_1}:tokens_per_day:model=gpt-4o:1714521600")).isEqualTo("250");
    assertThat(admin.zscore("gw:v1:lease:{key_1}:concurrent_requests", "req-1"))
        .isEqualTo((double) T0.plusSeconds(60).toEpochMilli());
    // Window plus the 120 s margin; the lease set lives for the lease TTL plus the margin.
    assertThat(admin.ttl("gw:v1:quota:{key_1}:requests_per_minute:1714564800")).isEqualTo(60 + 120);
    assertThat(admin.ttl("gw:v1:quota:{key_1}:tokens_per_day:model=gpt-4o:1714521600")).isEqualTo(86_400 + 120);
    assertThat(admin.ttl("gw:v1:lease:{key_1}:concurrent_requests")).isEqualTo(60 + 120);
    assertThat(admin.ttl("gw:v1:resv:{key_1}:req-1")).isEqualTo(86_400 + 120);
  }

  @Test
  void settlingDeletesTheReservationAndItsLease() {
    Reservation r = store.acquire("key_1", List.of(QuotaCharge.of(RPM, 1), QuotaCharge.lease(CONCURRENT)),
        "req-1", T0);

    store.reconcile(r, Map.of(RPM.name(), 1L));

    assertThat(redis.admin().keys("*")).containsExactly("gw:v1:quota:{key_1}:requests_per_minute:1714564800");
  }

  @Test
  void escapesTenantIdsSoTheyStayInsideTheHashTag() {
    store.acquire("a{b}:c%", List.of(QuotaCharge.of(RPM, 1)), "req-1", T0);

    assertThat(redis.admin().keys("gw:v1:quota:*"))
        .containsExactly("gw:v1:quota:{a%7Bb%7D%3Ac%25}:requests_per_minute:1714564800");
  }

  @Test
  void acquireIsOneScriptCall() {
    acquire(T0, QuotaCharge.of(RPM, 1));
    try (Jedis connection = redis.connect()) {
      connection.configResetStat();
    }

    acquire(T0, QuotaCharge.of(RPM, 1), QuotaCharge.of(TOKENS, 10), QuotaCharge.lease(CONCURRENT));

    String stats = redis.admin().info("commandstats");
    assertThat(stats).contains("cmdstat_evalsha:calls=1,").doesNotContain("cmdstat_eval:");
  }

  @Test
  void runsAfterTheServerLostItsScripts() {
    redis.admin().scriptFlush();

    assertThat(acquire(T0, QuotaCharge.of(RPM, 1)).remaining()).containsEntry(RPM.name(), 2L);
    assertThat(acquire(T0, QuotaCharge.of(RPM, 1)).remaining()).containsEntry(RPM.name(), 1L);
  }

  @Test
  void reconcileNeverTakesACounterBelowZero() {
    Reservation r = acquire(T0, QuotaCharge.of(TOKENS, 100));
    redis.admin().set("gw:v1:quota:{tenant-a}:tokens_per_minute:1714564800", "40");

    store.reconcile(r, Map.of(TOKENS.name(), 0L));

    assertThat(redis.admin().get("gw:v1:quota:{tenant-a}:tokens_per_minute:1714564800")).isEqualTo("0");
  }

  @Test
  void reconcileLeavesAnExpiredCounterAlone() {
    Reservation r = acquire(T0, QuotaCharge.of(TOKENS, 100));
    redis.admin().del("gw:v1:quota:{tenant-a}:tokens_per_minute:1714564800");

    store.reconcile(r, Map.of(TOKENS.name(), 500L));

    assertThat(redis.admin().keys("*")).isEmpty();
  }

  @Test
  void sharesCountsBetweenReplicas() {
    QuotaStore other = new RedisQuotaStore(redis.newClient(), SETTINGS);
    QuotaLimit limit = QuotaLimit.window("shared", java.time.Duration.ofMinutes(1), 2);
    acquire(T0, QuotaCharge.of(limit, 1));

    Reservation r = other.acquire("tenant-a", List.of(QuotaCharge.of(limit, 1)), "other-1", T0);

    assertThat(r.remaining()).containsEntry("shared", 0L);
  }
}
