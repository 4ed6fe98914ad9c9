package dev.llmgateway.client;

/** Controls a streamed call that reports to a {@link CompletionListener}. */
@FunctionalInterface
public interface CallHandle {
  /**
   * Cancels the call and, through the gateway, the provider's request; the listener then gets
   * {@code onError} with CANCELLED unless the call had already ended. Idempotent.
   */
  void cancel();
}
