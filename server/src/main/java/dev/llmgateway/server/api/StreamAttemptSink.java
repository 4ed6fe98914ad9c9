package dev.llmgateway.server.api;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ResultSink;
import dev.llmgateway.server.providers.StreamSink;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.server.resilience.DispatchScheduler;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.FinishReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One stream attempt: holds chunks without content (a first chunk naming provider and model) until
 * the first content commits the attempt, and watches time-to-first-token before it and idle time
 * after it. Chunks arrive from one adapter thread at a time; timers fire on the dispatch timer.
 */
final class StreamAttemptSink implements StreamSink {
  private final StreamAttempts stream;
  private final ResultSink<StreamAttempts.Committed> dispatch;
  private final DispatchScheduler scheduler;
  private final long idleNanos;
  private final List<CompleteStreamResponse> held = new ArrayList<>(1);
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile boolean committed;
  private volatile long lastChunkNanos = System.nanoTime();
  private volatile UpstreamCall upstream = UpstreamCall.DONE;
  private volatile Future<?> timer;

  StreamAttemptSink(StreamAttempts stream, ResultSink<StreamAttempts.Committed> dispatch, DispatchScheduler scheduler,
      Duration timeToFirstToken, Duration idle) {
    this.stream = stream;
    this.dispatch = dispatch;
    this.scheduler = scheduler;
    this.idleNanos = idle.toNanos();
    this.timer = scheduler.schedule(() -> fail(GatewayException.builder(ErrorKind.PROVIDER_TIMEOUT,
        "no content within the time-to-first-token limit of " + timeToFirstToken.toMillis() + " ms").build()),
        timeToFirstToken.toNanos());
  }

  /** Records the upstream call, which the timeouts cancel. */
  UpstreamCall attach(UpstreamCall call) {
    upstream = call;
    if (ended.get()) {
      call.cancel();
    }
    return call;
  }

  @Override
  public void onChunk(CompleteStreamResponse chunk) {
    if (ended.get()) {
      return;
    }
    lastChunkNanos = System.nanoTime();
    if (!committed) {
      if (!hasContent(chunk)) {
        held.add(chunk);
        return;
      }
      committed = true;
      timer.cancel(false);
      // The dispatcher learns of the commit first, so the report names this attempt as the one that served.
      dispatch.onSuccess(new StreamAttempts.Committed(this));
      timer = scheduler.schedule(this::checkIdle, idleNanos);
      held.forEach(stream::deliver);
      held.clear();
    }
    stream.deliver(chunk);
  }

  @Override
  public void onComplete() {
    if (!committed) {
      // A stream that ends without content (or without its terminal event) failed before the first chunk.
      fail(GatewayException.builder(ErrorKind.PROVIDER_UNAVAILABLE, "the upstream stream ended before any content")
          .build());
      return;
    }
    if (ended.compareAndSet(false, true)) {
      timer.cancel(false);
      stream.complete();
    }
  }

  @Override
  public void onError(GatewayException error) {
    // An error event or a malformed stream before any content is the upstream's failure, worth another try.
    fail(!committed && error.kind() == ErrorKind.PROVIDER_PROTOCOL_ERROR
        ? GatewayException.builder(ErrorKind.PROVIDER_UNAVAILABLE, error.getMessage()).provider(error.provider())
            .upstreamStatus(error.upstreamStatus()).cause(error).build()
        : error);
  }

  /** Ends the attempt with {@code error}: to the dispatcher before the commit, to the caller after it. */
  void fail(GatewayException error) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    timer.cancel(false);
    upstream.cancel();
    if (committed) {
      stream.failAfterCommit(error);
    } else {
      dispatch.onError(error);
    }
  }

  private void checkIdle() {
    long silent = System.nanoTime() - lastChunkNanos;
    if (silent >= idleNanos) {
      fail(GatewayException.builder(ErrorKind.PROVIDER_TIMEOUT, "the upstream stream went silent for "
          + idleNanos / 1_000_000 + " ms").build());
    } else if (!ended.get()) {
      timer = scheduler.schedule(this::checkIdle, idleNanos - silent);
    }
  }

  private static boolean hasContent(CompleteStreamResponse chunk) {
    return !chunk.getTextDelta().isEmpty() || chunk.getToolCallDeltasCount() > 0 || chunk.hasUsage()
        || chunk.getFinishReason() != FinishReason.FINISH_REASON_UNSPECIFIED;
  }
}
