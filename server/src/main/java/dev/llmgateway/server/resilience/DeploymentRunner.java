package dev.llmgateway.server.resilience;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ResultSink;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.v1.ErrorClass;
import io.github.resilience4j.retry.Retry;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a call on one deployment: admission by its circuit breaker and rate limiter, then the attempt
 * with the time left in the call's budget, then retries as its resilience4j retry policy decides (on
 * the dispatch timer, never by sleeping), as long as the wait fits the budget. Every attempt, including
 * the skipped ones, is recorded in the call's {@link AttemptLog}.
 */
@Singleton
public final class DeploymentRunner {
  private final DeploymentGuards guards;
  private final DispatchScheduler scheduler;
  private final AttemptMetrics metrics;

  @Inject
  DeploymentRunner(DeploymentGuards guards, DispatchScheduler scheduler, AttemptMetrics metrics) {
    this.guards = guards;
    this.scheduler = scheduler;
    this.metrics = metrics;
  }

  /** Starts one attempt on a deployment; returns the handle that cancels it. */
  @FunctionalInterface
  public interface Attempt<R> {
    UpstreamCall start(Deployment deployment, Duration timeout, ResultSink<R> sink);
  }

  /** Receives how the run on one deployment ended: exactly one callback, unless cancelled first. */
  public interface Outcome<R> {
    /** The attempt recorded as {@code served} succeeded. */
    void onSuccess(R result, AttemptLog.Entry served);

    /** Every allowed attempt failed; {@code error} is the last failure. */
    void onError(GatewayException error);
  }

  /** A run in progress. */
  public interface Running {
    /** A run with nothing left to cancel. */
    Running NONE = why -> { };

    /** Cancels the attempt in flight (recording {@code why} as its error) or the pending retry; idempotent. */
    void cancel(String why);
  }

  /**
   * Runs {@code attempt} on {@code deployment} with retries; the returned handle cancels the attempt in
   * flight or the pending retry, after which {@code outcome} hears nothing more.
   */
  public <R> Running run(String model, Deployment deployment, CallBudget budget, AttemptLog log, boolean hedge,
      Attempt<R> attempt, Outcome<R> outcome) {
    Run<R> run = new Run<>(model, deployment, guards.guard(deployment), budget, log, hedge, attempt, outcome);
    run.next();
    return run;
  }

  private final class Run<R> implements Running {
    private final String model;
    private final Deployment deployment;
    private final DeploymentGuard guard;
    private final CallBudget budget;
    private final AttemptLog log;
    private final boolean hedge;
    private final Attempt<R> attempt;
    private final Outcome<R> outcome;
    private final Retry.AsyncContext<Object> retry;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicReference<UpstreamCall> inFlight = new AtomicReference<>(UpstreamCall.DONE);
    private final AtomicReference<Runnable> abandon = new AtomicReference<>();
    private final AtomicReference<Future<?>> pending = new AtomicReference<>();
    private final AtomicReference<AttemptLog.Entry> current = new AtomicReference<>();

    Run(String model, Deployment deployment, DeploymentGuard guard, CallBudget budget, AttemptLog log, boolean hedge,
        Attempt<R> attempt, Outcome<R> outcome) {
      this.model = model;
      this.deployment = deployment;
      this.guard = guard;
      this.budget = budget;
      this.log = log;
      this.hedge = hedge;
      this.attempt = attempt;
      this.outcome = outcome;
      this.retry = guard.retryContext();
    }

    void next() {
      if (cancelled.get()) {
        return;
      }
      long remaining = budget.remainingNanos();
      // No attempt starts that cannot finish in time.
      if (remaining <= 0) {
        outcome.onError(GatewayException.builder(ErrorKind.DEADLINE_EXCEEDED,
            "the call's deadline passed before another attempt could start").provider(deployment.provider()).build());
        return;
      }
      AttemptLog.Entry entry = log.start(model, deployment, hedge);
      DeploymentGuard.Admission admission = guard.admit();
      if (admission != DeploymentGuard.Admission.ADMITTED) {
        GatewayException skipped = ErrorClasses.skipped(deployment, admission == DeploymentGuard.Admission.CIRCUIT_OPEN);
        log.finish(entry, skipped);
        metrics.attempt(deployment, ErrorClasses.of(skipped), hedge);
        outcome.onError(skipped);
        return;
      }
      guard.started();
      current.set(entry);
      long start = System.nanoTime();
      // Exactly one of the upstream's answer and a cancel ends the attempt's bookkeeping.
      AtomicBoolean ended = new AtomicBoolean();
      abandon.set(() -> {
        if (ended.compareAndSet(false, true)) {
          guard.abandoned();
          metrics.attempt(deployment, ErrorClass.ERROR_CLASS_CANCELLED, hedge);
        }
      });
      UpstreamCall call = attempt.start(deployment, Duration.ofNanos(remaining), new ResultSink<>() {
        @Override
        public void onSuccess(R result) {
          if (!ended.compareAndSet(false, true)) {
            return;
          }
          guard.succeeded(System.nanoTime() - start);
          retry.onComplete();
          log.finish(entry, null);
          metrics.attempt(deployment, ErrorClass.ERROR_CLASS_UNSPECIFIED, hedge);
          if (!cancelled.get()) {
            outcome.onSuccess(result, entry);
          }
        }

        @Override
        public void onError(GatewayException error) {
          if (!ended.compareAndSet(false, true)) {
            return;
          }
          guard.failed(System.nanoTime() - start, error);
          log.finish(entry, error);
          metrics.attempt(deployment, ErrorClasses.of(error), hedge);
          if (!cancelled.get()) {
            retryOrFail(error);
          }
        }
      });
      inFlight.set(call);
      if (cancelled.get()) {
        call.cancel();
      }
    }

    private void retryOrFail(GatewayException error) {
      long waitMillis = retry.onError(error);
      // A retry that cannot finish in time (its wait plus the deployment's usual latency exceed the
      // budget) would only delay the fallback.
      if (waitMillis < 0 || waitMillis == DeploymentGuards.TOO_LONG
          || TimeUnit.MILLISECONDS.toNanos(waitMillis) + guard.meanLatencyNanos() >= budget.remainingNanos()) {
        outcome.onError(error);
        return;
      }
      pending.set(scheduler.schedule(this::next, TimeUnit.MILLISECONDS.toNanos(waitMillis)));
      if (cancelled.get()) {
        pending.get().cancel(false);
      }
    }

    @Override
    public void cancel(String why) {
      if (cancelled.compareAndSet(false, true)) {
        Future<?> retryTimer = pending.get();
        if (retryTimer != null) {
          retryTimer.cancel(false);
        }
        AttemptLog.Entry entry = current.get();
        if (entry != null) {
          log.cancelled(entry, why);
        }
        Runnable end = abandon.get();
        if (end != null) {
          end.run();
        }
        inFlight.get().cancel();
      }
    }
  }
}
