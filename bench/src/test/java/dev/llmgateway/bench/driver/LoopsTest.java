package dev.llmgateway.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoopsTest {
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void closedLoopStopsAtItsCallBudgetAndCountsFailuresApart() throws InterruptedException {
    AtomicInteger made = new AtomicInteger();
    BlockingCall everyThirdFails = timer -> {
      if (made.incrementAndGet() % 3 == 0) {
        throw new CallFailure("content: text", "wrong");
      }
    };
    Recorder recorder = new Recorder();

    Batch batch = new ClosedLoop(4, SECOND).run(everyThirdFails, recorder, 10 * SECOND, 300);

    assertThat(batch.calls()).isEqualTo(300);
    PathTotals totals = recorder.totals();
    assertThat(totals.successes()).isEqualTo(200);
    assertThat(totals.failures()).containsEntry("content: text", 100L);
    assertThat(totals.latency().getTotalCount()).isEqualTo(200);
  }

  @Test
  void closedLoopRecordsStreamTimingsOfSuccessfulCalls() throws InterruptedException {
    BlockingCall threeChunks = timer -> {
      timer.textChunk();
      timer.textChunk();
      timer.textChunk();
    };
    Recorder recorder = new Recorder();

    new ClosedLoop(1, SECOND).run(threeChunks, recorder, 10 * SECOND, 10);

    PathTotals totals = recorder.totals();
    assertThat(totals.ttft().getTotalCount()).isEqualTo(10);
    assertThat(totals.gaps().getTotalCount()).isEqualTo(20);
  }

  @Test
  void openLoopStartsCallsOnScheduleAndWaitsForThem() throws InterruptedException {
    AtomicInteger started = new AtomicInteger();
    AsyncCall call = done -> {
      int n = started.incrementAndGet();
      done.complete(n == 1 ? new CallFailure("status UNAVAILABLE", "first") : null);
    };
    Recorder recorder = new Recorder();
    long begin = System.nanoTime();

    Batch batch = new OpenLoop(200, 10, SECOND).run(call, recorder, SECOND / 4);

    assertThat(batch.calls()).isEqualTo(50);
    assertThat(started).hasValue(50);
    // 50 starts at 200/s: the last is scheduled 245 ms after the first.
    assertThat(System.nanoTime() - begin).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(245));
    assertThat(recorder.totals().successes()).isEqualTo(49);
    assertThat(recorder.totals().failureCount()).isEqualTo(1);
  }
}
