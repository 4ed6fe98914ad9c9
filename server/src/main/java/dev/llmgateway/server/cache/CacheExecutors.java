package dev.llmgateway.server.cache;

import com.google.inject.Singleton;
import dev.llmgateway.server.lifecycle.Managed;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cache's own threads: Redis lookups (a small bounded pool; a full queue skips the cache) and stream
 * replays (one thread per replaying stream while it waits on a slow reader, as a live stream holds its HTTP
 * thread; idle threads end after a minute).
 */
@Singleton
public final class CacheExecutors implements Managed {
  private static final int LOOKUP_THREADS = 4;
  private static final int LOOKUP_QUEUE = 1024;

  private final ThreadPoolExecutor lookups = new ThreadPoolExecutor(LOOKUP_THREADS, LOOKUP_THREADS, 60,
      TimeUnit.SECONDS, new ArrayBlockingQueue<>(LOOKUP_QUEUE), daemon("response-cache-lookup"));
  private final ThreadPoolExecutor replays = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
      new SynchronousQueue<>(), daemon("response-cache-replay"));

  CacheExecutors() {
    lookups.allowCoreThreadTimeOut(true);
  }

  ExecutorService lookups() {
    return lookups;
  }

  ExecutorService replays() {
    return replays;
  }

  @Override
  public void start() {
    // Threads start with the first task.
  }

  @Override
  public void close() {
    lookups.shutdownNow();
    replays.shutdown();
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
