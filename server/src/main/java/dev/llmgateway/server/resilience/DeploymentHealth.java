package dev.llmgateway.server.resilience;

/**
 * A read-only view of one deployment's health, for the health service and admin reads.
 *
 * @param deployment the deployment id
 * @param provider its provider
 * @param circuitState the circuit breaker's state: CLOSED, OPEN, HALF_OPEN (or DISABLED, FORCED_OPEN, METRICS_ONLY)
 * @param failureRate the failure percentage over the breaker's window, or -1 before enough calls
 * @param slowCallRate the slow-call percentage over the window, or -1 before enough calls
 * @param inFlight calls in flight now
 * @param meanLatencyMillis the recent mean latency of successes, 0 before the first
 */
public record DeploymentHealth(String deployment, String provider, String circuitState, float failureRate,
    float slowCallRate, int inFlight, long meanLatencyMillis) {}
