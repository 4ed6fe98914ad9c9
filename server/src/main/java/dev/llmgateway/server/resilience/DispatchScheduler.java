package dev.llmgateway.server.resilience;

import com.google.inject.Singleton;
import dev.llmgateway.server.lifecycle.Managed;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread of the dispatch layer: retry backoffs, hedge delays, budgets and stream
 * timeouts. Tasks only start non-blocking upstream calls or cancel them, so one thread suffices.
 */
@Singleton
public final class DispatchScheduler implements Managed {
  private final ScheduledThreadPoolExecutor executor;

  DispatchScheduler() {
    executor = (ScheduledThreadPoolExecutor) Executors.newScheduledThreadPool(1, r -> {
      Thread t = new Thread(r, "dispatch-timer");
      t.setDaemon(true);
      return t;
    });
    // Cancelled timers (most of them: budgets and timeouts of calls that finished) leave the queue at once.
    executor.setRemoveOnCancelPolicy(true);
  }

  /** Runs {@code task} after {@code nanos}. */
  public ScheduledFuture<?> schedule(Runnable task, long nanos) {
    return executor.schedule(task, nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void start() {
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
