package dev.llmgateway.server.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The in-process backend: per-entry TTLs on an injected ticker, and the byte bound. */
class CaffeineResponseCacheTest {
  private final AtomicLong nanos = new AtomicLong();

  private static byte[] value(String key, CaffeineResponseCache cache) {
    return cache.getAll(List.of(key)).join().get(0);
  }

  @Test
  void eachEntryExpiresAfterItsOwnTtl() {
    CaffeineResponseCache cache = new CaffeineResponseCache(1 << 20, nanos::get);
    cache.put("short", new byte[] {1}, Duration.ofSeconds(10));
    cache.put("long", new byte[] {2}, Duration.ofMinutes(10));

    nanos.addAndGet(TimeUnit.SECONDS.toNanos(9));
    assertThat(value("short", cache)).containsExactly(1);
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));

    assertThat(value("short", cache)).isNull();
    assertThat(value("long", cache)).containsExactly(2);
  }

  @Test
  void replacingAnEntryRestartsItsTtl() {
    CaffeineResponseCache cache = new CaffeineResponseCache(1 << 20, nanos::get);
    cache.put("k", new byte[] {1}, Duration.ofSeconds(10));
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(8));
    cache.put("k", new byte[] {2}, Duration.ofSeconds(10));
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(8));

    assertThat(value("k", cache)).containsExactly(2);
  }

  @Test
  void theCacheNeverHoldsMoreBytesThanItsBound() {
    long bound = 64 * 1024;
    CaffeineResponseCache cache = new CaffeineResponseCache(bound, nanos::get);
    byte[] kilobyte = new byte[1024];

    for (int i = 0; i < 200; i++) {
      cache.put("key-" + i, kilobyte, Duration.ofHours(1));
    }
    cache.cleanUp();

    assertThat(cache.weightedSize()).isLessThanOrEqualTo(bound)
        .isGreaterThan(bound / 2);
    long kept = 0;
    for (int i = 0; i < 200; i++) {
      kept += value("key-" + i, cache) == null ? 0 : 1;
    }
    assertThat(kept).isBetween(32L, bound / CaffeineResponseCache.weight("key-100", kilobyte));
  }
}
