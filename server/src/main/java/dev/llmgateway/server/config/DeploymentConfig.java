package dev.llmgateway.server.config;

/**
 * One place a model is served from: a provider (with its credentials) and the provider's name for the
 * model. Two keys of one provider are two provider entries of the same type, each a deployment.
 *
 * @param name the deployment's id, {@code <model>#<index>} unless configured
 * @param provider the configured provider that serves it
 * @param upstreamModel the provider's name for the model
 * @param weight its share of the traffic under weighted balancing (> 0)
 * @param resilience its retry, circuit breaker and rate limit settings
 */
public record DeploymentConfig(String name, String provider, String upstreamModel, int weight,
    ResilienceSettings resilience) {}
