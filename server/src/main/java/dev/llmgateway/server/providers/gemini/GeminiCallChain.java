package dev.llmgateway.server.providers.gemini;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ResultSink;
import dev.llmgateway.server.providers.UpstreamCall;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.annotation.Nullable;
import okhttp3.Request;

/**
 * Runs upstream calls one after another, each started only once the previous one succeeded, and delivers
 * one outcome: the pages of the model list, the batches of a large embedding request. A {@link Plan}
 * says what to request next from what came back. Any failure ends the chain; cancelling stops the call in
 * flight and the chain.
 *
 * @param <P> what one call answers
 * @param <R> what the whole chain delivers
 */
final class GeminiCallChain<P, R> {
  private final Plan<P, R> plan;
  private final Fetcher<P> fetcher;
  private final ResultSink<R> sink;
  private final GeminiErrors errors;
  private final int maxCalls;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final AtomicReference<InFlight> current = new AtomicReference<>(new InFlight(0, UpstreamCall.DONE));
  // Calls run one after another (each starts only after the previous answer was handled), so this is
  // never touched by two threads at once.
  private int calls;

  GeminiCallChain(Plan<P, R> plan, Fetcher<P> fetcher, ResultSink<R> sink, GeminiErrors errors, int maxCalls) {
    this.plan = requireNonNull(plan, "plan");
    this.fetcher = requireNonNull(fetcher, "fetcher");
    this.sink = requireNonNull(sink, "sink");
    this.errors = requireNonNull(errors, "errors");
    this.maxCalls = maxCalls;
  }

  /** Starts the first call and returns the handle that cancels the chain. */
  UpstreamCall start() {
    fetch(plan.first());
    return this::cancel;
  }

  private void cancel() {
    cancelled.set(true);
    current.get().call().cancel();
  }

  private void fetch(Request request) {
    int number = ++calls;
    UpstreamCall call = fetcher.fetch(request, new ResultSink<>() {
      @Override
      public void onSuccess(P answer) {
        onAnswer(answer);
      }

      @Override
      public void onError(GatewayException error) {
        sink.onError(error);
      }
    });
    // The answer may arrive, and start the next call, before this line runs: the later call must stay current.
    InFlight started = new InFlight(number, call);
    current.accumulateAndGet(started, (old, now) -> now.number() > old.number() ? now : old);
    // A cancel that raced the new request must still reach it.
    if (cancelled.get()) {
      call.cancel();
    }
  }

  private void onAnswer(P answer) {
    Request next;
    try {
      next = plan.next(answer);
    } catch (GatewayException e) {
      sink.onError(e);
      return;
    }
    if (cancelled.get()) {
      sink.onError(errors.cancelled(null));
    } else if (next == null) {
      sink.onSuccess(plan.result());
    } else if (calls >= maxCalls) {
      sink.onError(errors.protocolError("kept asking for more calls than expected (" + maxCalls + ")", null));
    } else {
      fetch(next);
    }
  }

  /** Pairs the latest call started with its place in start order. */
  private record InFlight(int number, UpstreamCall call) {}

  /** Says which calls to make and what they add up to. Used by one chain, from one thread at a time. */
  interface Plan<P, R> {
    /** Returns the first request. */
    Request first();

    /** Takes an answer; returns the next request, or null when the result is complete. */
    @Nullable
    Request next(P answer);

    /** Returns the result, once {@link #next} returned null. */
    R result();
  }

  /** Starts one call, delivering its answer (or failure) to {@code answer}. */
  @FunctionalInterface
  interface Fetcher<P> {
    UpstreamCall fetch(Request request, ResultSink<P> answer);
  }
}
