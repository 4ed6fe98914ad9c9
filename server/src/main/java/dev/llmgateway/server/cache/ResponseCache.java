package dev.llmgateway.server.cache;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A store of opaque cached answers with a TTL per entry. Implementations are thread-safe.
 */
public interface ResponseCache {
  /**
   * Looks up {@code keys} without blocking the caller: the future holds one value per key, in order, with
   * null where the key is absent or expired. It completes exceptionally with a {@link CacheUnavailableException}
   * when the backend cannot answer (in time).
   */
  CompletableFuture<List<byte[]>> getAll(List<String> keys);

  /**
   * Stores {@code value} under {@code key} for {@code ttl}, replacing any previous value. May block: callers
   * run it off the response path.
   *
   * @throws CacheUnavailableException when the backend cannot be reached
   */
  void put(String key, byte[] value, Duration ttl);
}
