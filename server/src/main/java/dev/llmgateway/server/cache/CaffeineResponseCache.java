package dev.llmgateway.server.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The in-process backend: a Caffeine cache bounded by the bytes of its keys and values, each entry expiring
 * after its own TTL. Lookups complete at once, on the caller's thread.
 */
final class CaffeineResponseCache implements ResponseCache {
  // Per-entry bookkeeping (entry node, key object, array headers), so tiny entries still weigh something.
  private static final int ENTRY_OVERHEAD = 96;

  private final Cache<String, Entry> cache;

  CaffeineResponseCache(long maxBytes, Ticker ticker) {
    this.cache = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((String key, Entry entry) -> weight(key, entry.value))
        .expireAfter(new PerEntryTtl())
        .ticker(ticker)
        // Maintenance (eviction) runs on the writing thread, which is already off the response path.
        .executor(Runnable::run)
        .build();
  }

  /** Returns what an entry counts against {@code max-bytes}. */
  static int weight(String key, byte[] value) {
    return ENTRY_OVERHEAD + 2 * key.length() + value.length;
  }

  @Override
  public CompletableFuture<List<byte[]>> getAll(List<String> keys) {
    List<byte[]> values = new ArrayList<>(keys.size());
    for (String key : keys) {
      Entry entry = cache.getIfPresent(key);
      values.add(entry == null ? null : entry.value);
    }
    return CompletableFuture.completedFuture(values);
  }

  @Override
  public void put(String key, byte[] value, Duration ttl) {
    cache.put(key, new Entry(value, ttl.toNanos()));
  }

  /** Runs pending evictions, so tests can read the bound exactly. */
  void cleanUp() {
    cache.cleanUp();
  }

  /** Returns the current total weight. */
  long weightedSize() {
    return cache.policy().eviction().orElseThrow().weightedSize().orElse(0);
  }

  private record Entry(byte[] value, long ttlNanos) {}

  private static final class PerEntryTtl implements Expiry<String, Entry> {
    @Override
    public long expireAfterCreate(String key, Entry entry, long currentTime) {
      return entry.ttlNanos;
    }

    @Override
    public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
      return entry.ttlNanos;
    }

    @Override
    public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
      return currentDuration;
    }
  }
}
