package dev.llmgateway.server.api;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.StreamSink;
import dev.llmgateway.server.routing.Route;
import dev.llmgateway.v1.CompleteStreamResponse;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Relays stream chunks to the caller as they arrive, honouring gRPC flow control: while the caller's
 * transport buffer is full, {@link #onChunk} waits (on the provider's thread, which in turn stops
 * reading the upstream socket) instead of queueing without bound. The wait ends when the transport is
 * ready again or the call is cancelled or expires.
 */
final class StreamResponder implements StreamSink {
  private static final long MAX_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final ServerCallStreamObserver<CompleteStreamResponse> call;
  private final CallErrors errors;
  private final Route route;
  private final String requestId;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition readyOrCancelled = lock.newCondition();
  private volatile boolean cancelled;

  StreamResponder(ServerCallStreamObserver<CompleteStreamResponse> call, CallErrors errors, Route route,
      String requestId) {
    this.call = call;
    this.errors = errors;
    this.route = route;
    this.requestId = requestId;
  }

  /** Wakes a waiting {@link #onChunk}; registered as the call's on-ready handler. */
  void onReady() {
    signal();
  }

  /** Marks the call cancelled and wakes a waiting {@link #onChunk}. */
  void onCancel() {
    cancelled = true;
    signal();
  }

  @Override
  public void onChunk(CompleteStreamResponse chunk) {
    if (!call.isReady() && !awaitReady()) {
      return;
    }
    call.onNext(chunk);
  }

  @Override
  public void onComplete() {
    if (!cancelled) {
      call.onCompleted();
    }
  }

  @Override
  public void onError(GatewayException error) {
    // A cancelled call's status is already decided (CANCELLED or DEADLINE_EXCEEDED by gRPC itself).
    if (cancelled && error.kind() == ErrorKind.CANCELLED) {
      return;
    }
    errors.fail(call, error.withTarget(route.provider(), route.modelId()), requestId);
  }

  /** Returns true once the transport can take a message, false if the call ended first. */
  private boolean awaitReady() {
    lock.lock();
    try {
      while (!call.isReady()) {
        if (cancelled) {
          return false;
        }
        // Bounded waits re-check state, so a missed signal can never park the thread for good.
        readyOrCancelled.awaitNanos(MAX_WAIT_NANOS);
      }
      return !cancelled;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  private void signal() {
    lock.lock();
    try {
      readyOrCancelled.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
