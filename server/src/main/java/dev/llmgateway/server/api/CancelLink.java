package dev.llmgateway.server.api;

import dev.llmgateway.server.providers.UpstreamCall;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Joins a gRPC call's cancellation to the upstream call it started. The caller may cancel before the
 * upstream call exists, so whichever comes second performs the cancel.
 */
final class CancelLink {
  private static final UpstreamCall CANCELLED = () -> { };

  private final AtomicReference<UpstreamCall> upstream = new AtomicReference<>();

  /** Records the started upstream call, cancelling it at once if the caller already cancelled. */
  void attach(UpstreamCall call) {
    if (!upstream.compareAndSet(null, call)) {
      if (upstream.get() == CANCELLED) {
        call.cancel();
      }
    }
  }

  /** Cancels the upstream call now, or as soon as it is attached. */
  void cancel() {
    UpstreamCall previous = upstream.getAndSet(CANCELLED);
    if (previous != null && previous != CANCELLED) {
      previous.cancel();
    }
  }
}
