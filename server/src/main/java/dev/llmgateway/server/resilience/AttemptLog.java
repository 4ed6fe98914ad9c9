package dev.llmgateway.server.resilience;

import com.google.protobuf.Duration;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.v1.Attempt;
import dev.llmgateway.v1.ErrorClass;
import dev.llmgateway.v1.RouteReport;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/** Records the attempts of one call, in the order they started, for its {@link RouteReport}. Thread-safe. */
public final class AttemptLog {
  private final List<Entry> entries = new ArrayList<>();

  /** One attempt in progress or finished. */
  public static final class Entry {
    private final Attempt.Builder attempt;
    private final long startNanos = System.nanoTime();

    private Entry(Attempt.Builder attempt) {
      this.attempt = attempt;
    }
  }

  /** Records that an attempt of {@code deployment} for {@code model} starts now. */
  public synchronized Entry start(String model, Deployment deployment, boolean hedge) {
    Entry e = new Entry(Attempt.newBuilder().setModel(model).setDeployment(deployment.id())
        .setProvider(deployment.provider()).setHedge(hedge));
    entries.add(e);
    return e;
  }

  /** Records how an attempt ended: {@code error} null for success. Only the first call per entry counts. */
  public synchronized void finish(Entry entry, @Nullable GatewayException error) {
    if (entry.attempt.hasDuration()) {
      return;
    }
    entry.attempt.setDuration(elapsed(entry));
    if (error != null) {
      entry.attempt.setErrorClass(ErrorClasses.of(error)).setError(error.getMessage())
          .setUpstreamStatus(error.upstreamStatus());
    }
  }

  /** Records an attempt that ended as cancelled (the caller gave up, or it lost a hedge race). */
  public synchronized void cancelled(Entry entry, String why) {
    if (!entry.attempt.hasDuration()) {
      entry.attempt.setDuration(elapsed(entry))
          .setErrorClass(ErrorClass.ERROR_CLASS_CANCELLED).setError(why);
    }
  }

  private static Duration elapsed(Entry entry) {
    long nanos = System.nanoTime() - entry.startNanos;
    return Duration.newBuilder().setSeconds(nanos / 1_000_000_000).setNanos((int) (nanos % 1_000_000_000)).build();
  }

  /** Returns how many attempts were recorded. */
  public synchronized int size() {
    return entries.size();
  }

  /** Returns the report: the attempt that served (null when none did) and every attempt so far. */
  public synchronized RouteReport report(@Nullable Entry served) {
    RouteReport.Builder report = RouteReport.newBuilder();
    if (served != null) {
      report.setModel(served.attempt.getModel()).setDeployment(served.attempt.getDeployment())
          .setProvider(served.attempt.getProvider());
    }
    for (Entry e : entries) {
      report.addAttempts(e.attempt.build());
    }
    return report.build();
  }
}
