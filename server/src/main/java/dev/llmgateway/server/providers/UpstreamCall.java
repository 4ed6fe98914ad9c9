package dev.llmgateway.server.providers;

/** A started upstream call. */
@FunctionalInterface
public interface UpstreamCall {
  /** A call with nothing left to cancel. */
  UpstreamCall DONE = () -> { };

  /**
   * Cancels the upstream request at once (closing its connection or stream). Idempotent, thread-safe
   * and harmless after completion; the sink then gets no further callbacks except possibly one
   * {@code onError} of kind CANCELLED.
   */
  void cancel();
}
