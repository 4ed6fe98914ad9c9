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

/** Holds one adapter per enabled configured provider, created once at start-up. Thread-safe. */
@Singleton
public final class ProviderRegistry {
  private static final Logger logger = Logger.getLogger(ProviderRegistry.class.getName());

  private final Map<String, ProviderAdapter> adapters;
  private final Map<String, ProviderConfig> configs;

  @Inject
  ProviderRegistry(GatewayConfig config, Map<String, ProviderAdapter.Factory> factories) {
    Map<String, ProviderAdapter> created = new LinkedHashMap<>();
    for (ProviderConfig provider : config.providers().values()) {
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
    this.adapters = Map.copyOf(created);
    this.configs = Map.copyOf(config.providers());
  }

  /** Returns the adapter of an enabled provider, or empty when it is unknown or off. */
  public Optional<ProviderAdapter> adapter(String provider) {
    return Optional.ofNullable(adapters.get(provider));
  }

  /** Returns the configuration of a provider, enabled or not, or empty when unknown. */
  public Optional<ProviderConfig> config(String provider) {
    return Optional.ofNullable(configs.get(provider));
  }

  /** Returns whether the provider is configured and on. */
  public boolean isEnabled(String provider) {
    return adapters.containsKey(provider);
  }
}
