package dev.llmgateway.server.cache;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.config.CacheConfig;
import dev.llmgateway.server.lifecycle.Managed;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stores answers off the response path: one background thread serialises and writes them, in order, from a
 * bounded queue. When the queue is full a write is dropped and counted; a failed write is counted. Neither
 * ever reaches a caller. Thread-safe.
 */
@Singleton
public final class CacheWriter implements Managed {
  private static final Logger logger = Logger.getLogger(CacheWriter.class.getName());

  private final ResponseCache cache;
  private final CacheMetrics metrics;
  private final int maxEntryBytes;
  private final ThreadPoolExecutor executor;

  @Inject
  CacheWriter(ResponseCache cache, CacheMetrics metrics, CacheConfig config) {
    this.cache = cache;
    this.metrics = metrics;
    this.maxEntryBytes = config.maxEntryBytes();
    this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(config.maxPendingWrites()), r -> {
          Thread t = new Thread(r, "response-cache-writer");
          t.setDaemon(true);
          return t;
        });
  }

  /** Queues the write of {@code value} (built on the writer thread) under {@code key} for {@code ttl}. */
  void write(String key, Supplier<byte[]> value, Duration ttl) {
    try {
      executor.execute(() -> store(key, value, ttl));
    } catch (RejectedExecutionException e) {
      // Full queue (or shutting down): the answer was served; it just is not cached.
      metrics.error("dropped");
    }
  }

  /** Queues the writes of several values as one task, so a large Embed batch takes one place in the queue. */
  void writeAll(List<String> keys, List<Supplier<byte[]>> values, Duration ttl) {
    try {
      executor.execute(() -> {
        for (int i = 0; i < keys.size(); i++) {
          store(keys.get(i), values.get(i), ttl);
        }
      });
    } catch (RejectedExecutionException e) {
      metrics.error("dropped");
    }
  }

  private void store(String key, Supplier<byte[]> value, Duration ttl) {
    byte[] bytes = value.get();
    if (bytes.length > maxEntryBytes) {
      return;
    }
    try {
      cache.put(key, bytes, ttl);
      metrics.bytesWritten(bytes.length);
    } catch (CacheUnavailableException e) {
      metrics.error("unavailable");
      logger.log(Level.FINE, "response cache write skipped", e);
    }
  }

  /**
   * Waits until every write queued before this call has finished, at most {@code timeout}; returns whether
   * they did. Used at shutdown and by tests that read what a call stored.
   */
  public boolean drain(Duration timeout) {
    CountDownLatch done = new CountDownLatch(1);
    try {
      executor.execute(done::countDown);
      return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      return executor.isShutdown() && executor.getQueue().isEmpty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void start() {
    // The thread starts with the first write.
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      // Queued writes are only an optimisation; give them a moment, not the whole shutdown grace.
      if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
