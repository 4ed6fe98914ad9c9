package dev.llmgateway.server.api;

import dev.llmgateway.server.edge.GatewayHeaders;
import dev.llmgateway.server.edge.ResponseMetadata;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ResultSink;
import dev.llmgateway.server.providers.StreamSink;
import dev.llmgateway.server.resilience.CallBudget;
import dev.llmgateway.server.resilience.DispatchScheduler;
import dev.llmgateway.server.routing.RouteDispatcher;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.RouteReport;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javax.annotation.Nullable;

/**
 * The streaming side of a dispatch. Each attempt gets a {@link StreamAttemptSink} that holds back
 * everything until the first content: failures before it (an error status, an error event, a stream
 * that ends early, no content within time-to-first-token) go back to the dispatcher, which retries or
 * falls back invisibly. The first content commits the stream to that attempt; from then on chunks go
 * straight on (the route report rides on the caller's chunk with the usage, see {@link RoutedStreamSink}),
 * and a failure (or a
 * silence longer than the idle timeout) ends the stream with UNAVAILABLE and says how much was
 * delivered, never as a normal end.
 */
final class StreamAttempts implements RouteDispatcher.RouteSink<StreamAttempts.Committed> {
  /** Marks the attempt that delivered the first content: the dispatch's "success". */
  static final class Committed {
    private final StreamAttemptSink attempt;

    Committed(StreamAttemptSink attempt) {
      this.attempt = attempt;
    }
  }

  private final StreamSink responder;
  private final ResponseMetadata metadata;
  private final DispatchScheduler scheduler;
  private final CallBudget budget;
  private final Duration timeToFirstToken;
  private final Duration idle;
  private final Consumer<RouteReport> served;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile RouteReport report = RouteReport.getDefaultInstance();
  @Nullable private volatile Future<?> budgetTimer;
  private volatile long deliveredChunks;
  private volatile long deliveredChars;

  StreamAttempts(StreamSink responder, ResponseMetadata metadata, DispatchScheduler scheduler, CallBudget budget,
      Duration timeToFirstToken, Duration idle, Consumer<RouteReport> served) {
    this.served = served;
    this.responder = responder;
    this.metadata = metadata;
    this.scheduler = scheduler;
    this.budget = budget;
    this.timeToFirstToken = timeToFirstToken;
    this.idle = idle;
  }

  /** Returns the sink of a new attempt, reporting to {@code dispatch} until it commits. */
  StreamAttemptSink attempt(ResultSink<Committed> dispatch) {
    return new StreamAttemptSink(this, dispatch, scheduler, timeToFirstToken, idle);
  }

  @Override
  public void onSuccess(Committed committed, RouteReport route) {
    report = route;
    served.accept(route);
    // After the commit no dispatcher watches the budget; without a client deadline, gRPC will not either.
    if (!budget.isClientDeadline()) {
      budgetTimer = scheduler.schedule(() -> committed.attempt.fail(GatewayException.builder(
          ErrorKind.DEADLINE_EXCEEDED, "the call's time budget ran out mid-stream").build()), budget.remainingNanos());
    }
  }

  @Override
  public void onError(GatewayException error, RouteReport route) {
    metadata.addTrailer(GatewayHeaders.X_ROUTE_REPORT_BIN, route.toByteArray());
    if (ended.compareAndSet(false, true)) {
      responder.onError(error);
    }
  }

  /** Forwards a chunk of the committed attempt, with the route report on the chunk that carries usage. */
  void deliver(CompleteStreamResponse chunk) {
    if (ended.get()) {
      return;
    }
    deliveredChunks++;
    deliveredChars += chunk.getTextDelta().length();
    responder.onChunk(chunk);
  }

  /** Ends the committed stream normally. */
  void complete() {
    if (ended.compareAndSet(false, true)) {
      stopBudget();
      metadata.addTrailer(GatewayHeaders.X_ROUTE_REPORT_BIN, report.toByteArray());
      responder.onComplete();
    }
  }

  /** Ends the committed stream with {@code error}, saying how much was delivered before it. */
  void failAfterCommit(GatewayException error) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    stopBudget();
    metadata.addTrailer(GatewayHeaders.X_ROUTE_REPORT_BIN, report.toByteArray());
    GatewayException reported = error;
    if (error.kind() != ErrorKind.CANCELLED && error.kind() != ErrorKind.DEADLINE_EXCEEDED) {
      // Whatever went wrong upstream, the caller holds a partial answer: retryable, and never a normal end.
      reported = GatewayException.builder(ErrorKind.PROVIDER_UNAVAILABLE, "the stream failed after "
              + deliveredChunks + " chunks: " + error.getMessage())
          .provider(error.provider()).model(error.model()).upstreamStatus(error.upstreamStatus()).cause(error)
          .build();
    }
    responder.onError(reported.withMetadata("delivered_chunks", Long.toString(deliveredChunks))
        .withMetadata("delivered_chars", Long.toString(deliveredChars)));
  }

  private void stopBudget() {
    Future<?> timer = budgetTimer;
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
