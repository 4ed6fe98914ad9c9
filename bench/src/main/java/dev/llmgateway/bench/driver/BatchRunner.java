package dev.llmgateway.bench.driver;

/** Runs one batch of calls on one path, closed- or open-loop. */
@FunctionalInterface
public interface BatchRunner {
  /** Runs a batch of about {@code durationNanos}, recording into {@code recorder}. */
  Batch run(Recorder recorder, long durationNanos) throws InterruptedException;

  /** Returns a runner of closed-loop batches of {@code call}, each of at most {@code maxCalls} calls. */
  static BatchRunner closed(ClosedLoop loop, BlockingCall call, long maxCalls) {
    return (recorder, durationNanos) -> loop.run(call, recorder, durationNanos, maxCalls);
  }

  /** Returns a runner of open-loop batches of {@code call}. */
  static BatchRunner open(OpenLoop loop, AsyncCall call) {
    return (recorder, durationNanos) -> loop.run(call, recorder, durationNanos);
  }
}
