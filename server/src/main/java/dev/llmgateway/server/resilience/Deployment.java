package dev.llmgateway.server.resilience;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.config.ResilienceSettings;
import dev.llmgateway.server.providers.ProviderAdapter;

/**
 * One place a model is served from, with the adapter that reaches it.
 *
 * @param id the deployment's id; deployments with one id share their circuit breaker and rate limiter
 * @param provider the configured provider
 * @param upstreamModel the provider's name for the model
 * @param weight its share of the traffic under weighted balancing
 * @param adapter the provider's adapter
 * @param settings its retry, circuit breaker and rate-limit settings
 */
public record Deployment(String id, String provider, String upstreamModel, int weight, ProviderAdapter adapter,
    ResilienceSettings settings) {
  public Deployment {
    requireNonNull(id, "id");
    requireNonNull(provider, "provider");
    requireNonNull(upstreamModel, "upstreamModel");
    requireNonNull(adapter, "adapter");
    requireNonNull(settings, "settings");
  }
}
