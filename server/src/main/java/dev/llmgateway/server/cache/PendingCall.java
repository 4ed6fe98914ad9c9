package dev.llmgateway.server.cache;

import dev.llmgateway.server.providers.UpstreamCall;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The cancel handle of a call whose upstream request starts only after a cache lookup: a cancel before that
 * stops the upstream request from starting (or a replay from going on); a cancel after it is passed on.
 */
final class PendingCall implements UpstreamCall {
  private static final UpstreamCall CANCELLED = () -> { };

  private final AtomicReference<UpstreamCall> started = new AtomicReference<>();

  /** Returns whether the caller cancelled. */
  boolean isCancelled() {
    return started.get() == CANCELLED;
  }

  /** Hands over the upstream call that started, cancelling it at once when the caller already cancelled. */
  void attach(UpstreamCall call) {
    if (started.compareAndExchange(null, call) == CANCELLED) {
      call.cancel();
    }
  }

  @Override
  public void cancel() {
    UpstreamCall previous = started.getAndSet(CANCELLED);
    if (previous != null) {
      previous.cancel();
    }
  }
}
