package dev.llmgateway.server.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.store.ConcurrentCalls;
import dev.llmgateway.server.store.QuotaCharge;
import dev.llmgateway.server.store.QuotaExceededException;
import dev.llmgateway.server.store.QuotaLimit;
import dev.llmgateway.server.store.QuotaStore;
import dev.llmgateway.server.store.Reservation;
import dev.llmgateway.server.store.StoreSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two replicas, each with its own client and pool, racing for the same tenant's limits. */
class RedisQuotaReplicasTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:30Z");

  @RegisterExtension
  static final RedisServerExtension redis = new RedisServerExtension();

  private final List<QuotaStore> replicas = List.of(
      new RedisQuotaStore(redis.newClient(), StoreSettings.defaults()),
      new RedisQuotaStore(redis.newClient(), StoreSettings.defaults()));

  @Test
  void neverAdmitMoreThanAWindowHolds() throws Exception {
    QuotaLimit rpm = QuotaLimit.window("requests_per_minute", Duration.ofMinutes(1), 150);
    QuotaLimit tokens = QuotaLimit.window("tokens_per_minute", Duration.ofMinutes(1), 1_000_000);
    AtomicInteger admitted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();

    ConcurrentCalls.run(replicas, 4, 100, (store, id) -> {
      try {
        Reservation r = store.acquire("tenant-a", List.of(QuotaCharge.of(rpm, 1), QuotaCharge.of(tokens, 10)), id,
            NOW);
        admitted.incrementAndGet();
        store.reconcile(r, Map.of(tokens.name(), 7L));
      } catch (QuotaExceededException e) {
        assertThat(e.limit()).isEqualTo(rpm);
        refused.incrementAndGet();
      }
    });

    assertThat(admitted).hasValue(150);
    assertThat(refused).hasValue(2 * 4 * 100 - 150);
    assertThat(redis.admin().get("gw:v1:quota:{tenant-a}:requests_per_minute:1714564800")).isEqualTo("150");
    assertThat(redis.admin().get("gw:v1:quota:{tenant-a}:tokens_per_minute:1714564800")).isEqualTo("1050");
  }

  @Test
  void neverHoldMoreLeasesThanTheLimit() throws Exception {
    QuotaLimit slots = QuotaLimit.concurrency("concurrent_requests", 3);
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    AtomicInteger admitted = new AtomicInteger();

    ConcurrentCalls.run(replicas, 4, 100, (store, id) -> {
      try {
        Reservation r = store.acquire("tenant-a", List.of(QuotaCharge.lease(slots)), id, NOW);
        admitted.incrementAndGet();
        peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        inFlight.decrementAndGet();
        store.release(r);
      } catch (QuotaExceededException e) {
        assertThat(e.limit()).isEqualTo(slots);
      }
    });

    assertThat(peak.get()).isBetween(1, 3);
    assertThat(admitted.get()).isPositive();
    assertThat(redis.admin().zcard("gw:v1:lease:{tenant-a}:concurrent_requests")).isZero();
  }
}
