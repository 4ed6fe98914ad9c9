package dev.llmgateway.server.config;

import java.time.Duration;

/**
 * How the gateway protects itself and one upstream deployment: retries, a circuit breaker and a
 * client-side rate limit. Set per provider (under {@code resilience}) and overridable per deployment.
 *
 * @param retry when and how often a failed attempt is tried again on the same deployment
 * @param circuitBreaker when the deployment is taken out of rotation
 * @param requestsPerMinute the most requests the gateway sends the deployment per minute; 0 for no limit
 */
public record ResilienceSettings(Retry retry, CircuitBreaker circuitBreaker, int requestsPerMinute) {

  /**
   * Retries with exponential backoff and full jitter.
   *
   * @param maxAttempts attempts per deployment, the first included (1: no retry)
   * @param initialBackoff the backoff ceiling before the second attempt
   * @param multiplier how much the ceiling grows per attempt
   * @param maxBackoff the highest ceiling
   * @param maxRetryAfter the longest provider {@code Retry-After} the gateway waits for; longer ones
   *     move on to the next deployment or fallback at once
   */
  public record Retry(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff,
      Duration maxRetryAfter) {}

  /**
   * A count-based circuit breaker.
   *
   * @param failureRateThreshold percentage of failed calls in the window that opens the circuit
   * @param slowCallRateThreshold percentage of slow calls in the window that opens the circuit
   * @param slowCallDuration calls slower than this count as slow
   * @param slidingWindowSize how many recent calls the rates are computed over
   * @param minimumNumberOfCalls calls needed before the rates count
   * @param waitInOpenState how long an open circuit refuses calls before letting probes through
   * @param permittedCallsInHalfOpenState how many probes decide whether the circuit closes again
   */
  public record CircuitBreaker(float failureRateThreshold, float slowCallRateThreshold, Duration slowCallDuration,
      int slidingWindowSize, int minimumNumberOfCalls, Duration waitInOpenState, int permittedCallsInHalfOpenState) {}
}
