package dev.llmgateway.server.resilience;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.config.ResilienceSettings;
import dev.llmgateway.server.errors.GatewayException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The guards of every deployment, one per deployment id, from resilience4j registries configured with
 * each deployment's settings. Circuit transitions are announced to listeners (the health service). The
 * order on a call is the resilience4j default, Retry(CircuitBreaker(RateLimiter(call))): a skipped
 * deployment (circuit open, throttled) is never retried, it goes to the next deployment or fallback.
 * Thread-safe.
 */
@Singleton
public final class DeploymentGuards {
  /** A backoff the caller can never wait for: a Retry-After beyond the configured maximum. */
  static final long TOO_LONG = Long.MAX_VALUE;

  private final Clock clock;
  private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
  private final RateLimiterRegistry limiters = RateLimiterRegistry.ofDefaults();
  private final RetryRegistry retries = RetryRegistry.ofDefaults();
  private final ConcurrentHashMap<String, DeploymentGuard> guards = new ConcurrentHashMap<>();
  private final List<Consumer<String>> providerListeners = new CopyOnWriteArrayList<>();

  @Inject
  DeploymentGuards(Clock clock) {
    this.clock = clock;
  }

  /** Returns the guard of {@code deployment}, creating it with the deployment's settings on first use. */
  public DeploymentGuard guard(Deployment deployment) {
    return guards.computeIfAbsent(deployment.id(), id -> create(deployment));
  }

  /** Registers a listener told the provider's name whenever a circuit of one of its deployments changes state. */
  public void onProviderChange(Consumer<String> listener) {
    providerListeners.add(listener);
  }

  /** Returns whether some deployment of {@code provider} accepts calls (true when it has none yet). */
  public boolean providerServing(String provider) {
    boolean any = false;
    for (DeploymentGuard g : guards.values()) {
      if (g.provider().equals(provider)) {
        any = true;
        CircuitBreaker.State state = g.circuitBreaker().getState();
        if (state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN) {
          return true;
        }
      }
    }
    return !any;
  }

  /** Returns every known deployment's health, sorted by id. */
  public List<DeploymentHealth> health() {
    List<DeploymentHealth> out = new ArrayList<>();
    for (DeploymentGuard g : guards.values()) {
      CircuitBreaker.Metrics m = g.circuitBreaker().getMetrics();
      out.add(new DeploymentHealth(g.id(), g.provider(), g.circuitBreaker().getState().name(), m.getFailureRate(),
          m.getSlowCallRate(), g.inFlight(), g.meanLatencyNanos() / 1_000_000));
    }
    out.sort(java.util.Comparator.comparing(DeploymentHealth::deployment));
    return out;
  }

  /** Returns every guard, for metrics. */
  Iterable<DeploymentGuard> all() {
    return guards.values();
  }

  private DeploymentGuard create(Deployment d) {
    ResilienceSettings s = d.settings();
    ResilienceSettings.CircuitBreaker cb = s.circuitBreaker();
    CircuitBreaker breaker = breakers.circuitBreaker(d.id(), CircuitBreakerConfig.custom()
        .slidingWindow(cb.slidingWindowSize(), cb.minimumNumberOfCalls(),
            CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .failureRateThreshold(cb.failureRateThreshold())
        .slowCallRateThreshold(cb.slowCallRateThreshold())
        .slowCallDurationThreshold(cb.slowCallDuration())
        .waitDurationInOpenState(cb.waitInOpenState())
        .permittedNumberOfCallsInHalfOpenState(cb.permittedCallsInHalfOpenState())
        .recordException(ErrorClasses::unhealthy)
        .ignoreException(ErrorClasses::neutral)
        .clock(clock)
        .build());
    breaker.getEventPublisher().onStateTransition(e -> providerListeners.forEach(l -> l.accept(d.provider())));
    RateLimiter limiter = s.requestsPerMinute() == 0 ? null : limiters.rateLimiter(d.id(), RateLimiterConfig.custom()
        .limitForPeriod(s.requestsPerMinute())
        .limitRefreshPeriod(Duration.ofMinutes(1))
        // Never wait for a permit on the call's thread: a throttled deployment is skipped instead.
        .timeoutDuration(Duration.ZERO)
        .build());
    Retry retry = retries.retry(d.id(), RetryConfig.custom()
        .maxAttempts(s.retry().maxAttempts())
        .retryOnException(ErrorClasses::retryable)
        .intervalBiFunction(backoff(s.retry()))
        .failAfterMaxAttempts(false)
        .build());
    return new DeploymentGuard(d.id(), d.provider(), breaker, limiter, retry, s);
  }

  /**
   * Returns exponential backoff with full jitter (a wait drawn from zero to the exponential ceiling), or
   * the provider's Retry-After when it gave one: exactly that wait when it is at most
   * {@code max-retry-after}, else {@link #TOO_LONG}, which no call budget fits.
   */
  static IntervalBiFunction<Object> backoff(ResilienceSettings.Retry settings) {
    IntervalFunction ceiling = IntervalFunction.ofExponentialBackoff(settings.initialBackoff(), settings.multiplier(),
        settings.maxBackoff());
    long maxRetryAfter = settings.maxRetryAfter().toMillis();
    return (attempt, outcome) -> {
      if (outcome.isLeft() && outcome.getLeft() instanceof GatewayException e && e.retryAfter() != null) {
        long wait = e.retryAfter().toMillis();
        return wait <= maxRetryAfter ? wait : TOO_LONG;
      }
      return ThreadLocalRandom.current().nextLong(ceiling.apply(attempt) + 1);
    };
  }
}
