package dev.llmgateway.server.api;

import dev.llmgateway.server.accounting.CallAccount;
import dev.llmgateway.server.accounting.CallUsage;
import dev.llmgateway.server.edge.GatewayHeaders;
import dev.llmgateway.server.edge.ResponseMetadata;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.errors.StatusMapper;
import dev.llmgateway.server.providers.StreamSink;
import dev.llmgateway.server.routing.Route;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.Usage;
import dev.llmgateway.server.telemetry.GenAiAttributes;
import io.grpc.stub.ServerCallStreamObserver;
import io.opentelemetry.api.trace.Span;
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
  private final CallAccount account;
  private final ResponseMetadata metadata;
  private final GenAiAttributes genAi;
  // Captured on the handler thread, where the call's span is current; chunks arrive on other threads.
  private final Span span = Span.current();
  private volatile CompleteStreamResponse first;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition readyOrCancelled = lock.newCondition();
  private volatile boolean cancelled;
  // Written only by the one provider thread that delivers chunks; read when settling after a cancel.
  private volatile long streamedChars;
  private volatile Usage usage;
  private volatile String finishReason = "";

  StreamResponder(ServerCallStreamObserver<CompleteStreamResponse> call, CallErrors errors, Route route,
      String requestId, CallAccount account, ResponseMetadata metadata, GenAiAttributes genAi) {
    this.genAi = genAi;
    this.call = call;
    this.errors = errors;
    this.route = route;
    this.requestId = requestId;
    this.account = account;
    this.metadata = metadata;
  }

  /** Wakes a waiting {@link #onChunk}; registered as the call's on-ready handler. */
  void onReady() {
    signal();
  }

  /**
   * Marks the call cancelled, wakes a waiting {@link #onChunk}, and settles the call for what it consumed:
   * the prompt, and the output streamed so far.
   */
  void onCancel() {
    cancelled = true;
    signal();
    account.settle("CANCELLED", consumed(), finishReason);
  }

  @Override
  public void onChunk(CompleteStreamResponse chunk) {
    account.firstChunk();
    if (first == null) {
      first = chunk;
    }
    long chars = chunk.getTextDelta().length();
    for (int i = 0; i < chunk.getToolCallDeltasCount(); i++) {
      chars += chunk.getToolCallDeltas(i).getArgumentsJsonDelta().length();
    }
    streamedChars += chars;
    if (chunk.hasUsage()) {
      genAi.setStreamResponse(span, first, chunk);
      usage = chunk.getUsage();
      finishReason = GenAiAttributes.finishReason(chunk.getFinishReason());
      account.upstreamFinished();
    }
    if (!call.isReady() && !awaitReady()) {
      return;
    }
    call.onNext(chunk);
  }

  @Override
  public void onComplete() {
    account.upstreamFinished();
    if (!cancelled) {
      metadata.addTrailer(GatewayHeaders.X_GATEWAY_OVERHEAD_US, Long.toString(account.overheadMicros()));
      call.onCompleted();
    }
    account.settle("OK", consumed(), finishReason);
  }

  @Override
  public void onError(GatewayException error) {
    account.upstreamFinished();
    // A cancelled call's status is already decided (CANCELLED or DEADLINE_EXCEEDED by gRPC itself).
    if (cancelled && error.kind() == ErrorKind.CANCELLED) {
      return;
    }
    metadata.addTrailer(GatewayHeaders.X_GATEWAY_OVERHEAD_US, Long.toString(account.overheadMicros()));
    errors.fail(call, error.withTarget(route.provider(), route.modelId()), requestId);
    account.settle(StatusMapper.codeOf(error.kind()).name(), consumed(), finishReason);
  }

  /** Returns the provider's usage if it arrived, else the estimate of prompt plus what was streamed. */
  private CallUsage consumed() {
    Usage reported = usage;
    if (reported != null) {
      return CallUsage.reported(reported);
    }
    return account.wasDispatched() ? CallUsage.estimated(account.inputEstimate(), streamedChars) : CallUsage.NONE;
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
