package dev.llmgateway.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Hammers quota stores from many threads at once, a bounded number of calls each. */
public final class ConcurrentCalls {
  private ConcurrentCalls() {}

  /** One call; {@code leaseId} is unique across all threads and calls. */
  @FunctionalInterface
  public interface StoreCall {
    void call(QuotaStore store, String leaseId);
  }

  /** Runs {@code perThread} calls on {@code threadsPerStore} threads per store, released together. */
  public static void run(List<QuotaStore> stores, int threadsPerStore, int perThread, StoreCall body)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(stores.size() * threadsPerStore);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int s = 0; s < stores.size(); s++) {
        for (int t = 0; t < threadsPerStore; t++) {
          QuotaStore store = stores.get(s);
          String thread = "s" + s + "t" + t;
          done.add(pool.submit(() -> {
            go.await();
            for (int i = 0; i < perThread; i++) {
              body.call(store, thread + "-" + i);
            }
            return null;
          }));
        }
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }
}
