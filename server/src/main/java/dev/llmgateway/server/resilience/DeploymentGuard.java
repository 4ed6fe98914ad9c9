package dev.llmgateway.server.resilience;

import dev.llmgateway.server.config.ResilienceSettings;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;

/**
 * The live state of one deployment: its circuit breaker, rate limiter (null without a limit), retry
 * policy, calls in flight and recent latencies. Thread-safe.
 */
public final class DeploymentGuard {
  private final String id;
  private final String provider;
  private final CircuitBreaker circuitBreaker;
  @Nullable private final RateLimiter rateLimiter;
  private final Retry retry;
  private final ResilienceSettings settings;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final LatencyStats latency = new LatencyStats();

  DeploymentGuard(String id, String provider, CircuitBreaker circuitBreaker, @Nullable RateLimiter rateLimiter,
      Retry retry, ResilienceSettings settings) {
    this.id = id;
    this.provider = provider;
    this.circuitBreaker = circuitBreaker;
    this.rateLimiter = rateLimiter;
    this.retry = retry;
    this.settings = settings;
  }

  public String id() {
    return id;
  }

  public String provider() {
    return provider;
  }

  /** Returns the circuit breaker; its state is what health and metrics report. */
  public CircuitBreaker circuitBreaker() {
    return circuitBreaker;
  }

  /** Returns the calls currently in flight on this deployment. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Returns the weighted mean latency of recent successes in nanoseconds, 0 before the first. */
  public long meanLatencyNanos() {
    return latency.meanNanos();
  }

  /** Returns the 95th percentile latency of recent successes in nanoseconds, -1 with too few samples. */
  public long p95LatencyNanos() {
    return latency.p95Nanos();
  }

  /** Returns whether a call may go out now: a rate-limit permit (taken) and a circuit that permits it. */
  Admission admit() {
    if (!circuitBreaker.tryAcquirePermission()) {
      return Admission.CIRCUIT_OPEN;
    }
    // After the circuit check, so a skipped deployment costs no rate-limit permit.
    if (rateLimiter != null && !rateLimiter.acquirePermission()) {
      circuitBreaker.releasePermission();
      return Admission.THROTTLED;
    }
    return Admission.ADMITTED;
  }

  /** Why a call may or may not go out. */
  enum Admission { ADMITTED, CIRCUIT_OPEN, THROTTLED }

  Retry.AsyncContext<Object> retryContext() {
    return retry.asyncContext();
  }

  ResilienceSettings settings() {
    return settings;
  }

  void started() {
    inFlight.incrementAndGet();
  }

  void succeeded(long nanos) {
    inFlight.decrementAndGet();
    latency.record(nanos);
    circuitBreaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
  }

  /** Ends an attempt cancelled before it answered: no verdict on the deployment's health. */
  void abandoned() {
    inFlight.decrementAndGet();
    circuitBreaker.releasePermission();
  }

  void failed(long nanos, Throwable error) {
    inFlight.decrementAndGet();
    circuitBreaker.onError(nanos, TimeUnit.NANOSECONDS, error);
  }
}
