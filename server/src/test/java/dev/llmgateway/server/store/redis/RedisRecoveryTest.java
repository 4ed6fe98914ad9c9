package dev.llmgateway.server.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.llmgateway.server.store.ApiKeyStore;
import dev.llmgateway.server.store.QuotaCharge;
import dev.llmgateway.server.store.QuotaLimit;
import dev.llmgateway.server.store.QuotaStore;
import dev.llmgateway.server.store.Reservation;
import dev.llmgateway.server.store.StoreSettings;
import dev.llmgateway.server.store.StoreUnavailableException;
import dev.llmgateway.server.store.UsageRecord;
import dev.llmgateway.server.store.UsageStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/** Redis going away and coming back: failures surface as StoreUnavailableException, then calls work again. */
class RedisRecoveryTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:30Z");
  private static final QuotaLimit RPM = QuotaLimit.window("requests_per_minute", Duration.ofMinutes(1), 1_000);
  private static final Duration RECOVERY = Duration.ofSeconds(10);

  @RegisterExtension
  static final RedisServerExtension redis = new RedisServerExtension();

  private final AtomicInteger leases = new AtomicInteger();
  private UnifiedJedis client;
  private QuotaStore quota;
  private UsageStore usage;
  private ApiKeyStore keys;

  @BeforeEach
  void createStores() {
    client = redis.newClient();
    quota = new RedisQuotaStore(client, StoreSettings.defaults());
    usage = new RedisUsageStore(client, StoreSettings.defaults());
    keys = new RedisApiKeyStore(client);
  }

  @Test
  void reportsAnOutageAsStoreUnavailableAndRecoversWhenRedisIsBack() throws Exception {
    // Several connections sit idle in the pool when the server dies; each is broken afterwards.
    warmPool(8);
    Reservation held = acquire();

    redis.stop();

    assertThatThrownBy(this::acquire)
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessage("store unavailable: quota acquire")
        .hasCauseInstanceOf(JedisConnectionException.class);
    assertThatThrownBy(() -> quota.reconcile(held, Map.of()))
        .isInstanceOf(StoreUnavailableException.class).hasMessage("store unavailable: quota reconcile");
    assertThatThrownBy(() -> usage.record(new UsageRecord("t", "m", "p", LocalDate.EPOCH, 1, 0, 0, 0, 0, 0)))
        .isInstanceOf(StoreUnavailableException.class).hasMessage("store unavailable: usage record");
    assertThatThrownBy(() -> keys.isEmpty())
        .isInstanceOf(StoreUnavailableException.class).hasMessage("store unavailable: api key count");

    redis.start();

    await().atMost(RECOVERY).ignoreException(StoreUnavailableException.class).until(() -> acquire() != null);
    // Once one call succeeds the pool holds only working connections: no call fails any more.
    for (int i = 0; i < 20; i++) {
      assertThat(acquire().remaining().get(RPM.name())).isPositive();
    }
    assertThat(keys.isEmpty()).isTrue();
    assertThat(usage.query(Optional.empty(), LocalDate.EPOCH, LocalDate.EPOCH)).isEmpty();
  }

  @Test
  void losesAtMostOneCallWhenRedisRestartsBetweenCalls() throws Exception {
    warmPool(8);
    redis.stop();
    redis.start();

    // The first call may still pick a connection to the old process; its failure clears the other stale ones.
    catchThrowableOfType(StoreUnavailableException.class, this::acquire);

    assertThat(acquire().remaining()).containsKey(RPM.name());
    assertThat(keys.isEmpty()).isTrue();
  }

  @Test
  void failsFastWhileRedisIsDown() {
    redis.stop();

    long started = System.nanoTime();
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(this::acquire).isInstanceOf(StoreUnavailableException.class);
    }

    // A refused connection on loopback fails at once, well within the 2 s connect timeout.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
  }

  private Reservation acquire() {
    return quota.acquire("tenant-a", List.of(QuotaCharge.of(RPM, 1)), "lease-" + leases.incrementAndGet(), NOW);
  }

  /** Runs {@code n} calls at once so the pool opens {@code n} connections and keeps them idle afterwards. */
  private void warmPool(int n) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<Reservation>> calls = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        calls.add(pool.submit(() -> {
          go.await();
          return acquire();
        }));
      }
      go.countDown();
      for (Future<Reservation> call : calls) {
        assertThat(call.get(10, TimeUnit.SECONDS)).isNotNull();
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }
}
