package dev.llmgateway.server.providers;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.config.GatewayConfig;
import dev.llmgateway.server.config.InvalidConfigException;
import dev.llmgateway.server.config.ProviderConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Holds one adapter per enabled provider: the configured ones, created at start-up, and any set at run time
 * through {@link #replace} (a configuration reload, or providers added by an operator). Thread-safe; a
 * replacement is published whole, and calls already routed keep the adapter they got.
 */
@Singleton
public final class ProviderRegistry {
  private static final Logger logger = Logger.getLogger(ProviderRegistry.class.getName());

  private record Providers(Map<String, ProviderAdapter> adapters, Map<String, ProviderConfig> configs) {}

  private final Map<String, ProviderAdapter.Factory> factories;
  private volatile Providers current;

  @Inject
  ProviderRegistry(GatewayConfig config, Map<String, ProviderAdapter.Factory> factories) {
    this.factories = Map.copyOf(factories);
    this.current = build(config.providers());
  }

  /**
   * Replaces every provider with {@code providers} (in order), creating their adapters first: when one cannot
   * be created the exception propagates and nothing changes.
   *
   * @throws InvalidConfigException when a provider's type is unknown or its adapter rejects its settings
   */
  public void replace(Map<String, ProviderConfig> providers) {
    current = build(providers);
  }

  private Providers build(Map<String, ProviderConfig> providers) {
    Map<String, ProviderAdapter> created = new LinkedHashMap<>();
    for (ProviderConfig provider : providers.values()) {
      ProviderAdapter.Factory factory = factories.get(provider.type());
      if (factory == null) {
        throw new InvalidConfigException("invalid configuration: providers." + provider.name() + ".type: '"
            + provider.type() + "' is not a provider type (known: " + factories.keySet() + ")");
      }
      if (!provider.enabled()) {
        logger.info(() -> "provider '" + provider.name() + "' is off"
            + (provider.apiKeyEnv().isEmpty() ? "" : " (set " + provider.apiKeyEnv() + " to enable it)"));
        continue;
      }
      created.put(provider.name(), factory.create(provider));
    }
    return new Providers(Map.copyOf(created), Map.copyOf(providers));
  }

  /** Returns the adapter of an enabled provider, or empty when it is unknown or off. */
  public Optional<ProviderAdapter> adapter(String provider) {
    return Optional.ofNullable(current.adapters().get(provider));
  }

  /** Returns the configuration of a provider, enabled or not, or empty when unknown. */
  public Optional<ProviderConfig> config(String provider) {
    return Optional.ofNullable(current.configs().get(provider));
  }

  /** Returns whether the provider is configured and on. */
  public boolean isEnabled(String provider) {
    return current.adapters().containsKey(provider);
  }
}
