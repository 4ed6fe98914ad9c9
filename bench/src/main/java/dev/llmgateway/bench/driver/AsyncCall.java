package dev.llmgateway.bench.driver;

import javax.annotation.Nullable;

/** Starts one call without waiting for it; for open-loop batches. */
@FunctionalInterface
public interface AsyncCall {
  /** Receives the outcome of one call, exactly once. */
  @FunctionalInterface
  interface Completion {
    /** Reports the outcome: null for a checked success, else the failure. */
    void complete(@Nullable CallFailure failure);
  }

  /** Starts one call; {@code done} runs exactly once, on any thread, when it has ended and been checked. */
  void start(Completion done);
}
