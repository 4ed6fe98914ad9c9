package dev.llmgateway.server.config;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.telemetry.TelemetryConfig;
import java.util.Map;

/** The whole validated configuration. Maps keep the file's order. */
public record GatewayConfig(
    ServerConfig server,
    HttpClientConfig http,
    DiscoveryConfig discovery,
    TelemetryConfig telemetry,
    StoreConfig store,
    QuotaConfig quotas,
    Map<String, ProviderConfig> providers,
    Map<String, ModelConfig> models,
    AuthConfig auth,
    CacheConfig cache,
    DispatchConfig dispatch) {
  public GatewayConfig {
    providers = Map.copyOf(providers);
    models = Map.copyOf(models);
    requireNonNull(auth, "auth");
    requireNonNull(cache, "cache");
    requireNonNull(dispatch, "dispatch");
  }
}
