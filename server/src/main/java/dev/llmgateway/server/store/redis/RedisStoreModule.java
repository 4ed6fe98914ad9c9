package dev.llmgateway.server.store.redis;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.llmgateway.server.lifecycle.Managed;
import dev.llmgateway.server.store.ApiKeyStore;
import dev.llmgateway.server.store.QuotaStore;
import dev.llmgateway.server.store.StoreSettings;
import dev.llmgateway.server.store.UsageStore;
import redis.clients.jedis.UnifiedJedis;

/**
 * Binds the Redis-backed quota, usage and API-key stores and the one {@link UnifiedJedis} they share. The
 * client is built when first injected, not here; whoever owns shutdown closes it.
 */
public final class RedisStoreModule extends AbstractModule {
  private final RedisConfig config;
  private final StoreSettings settings;

  public RedisStoreModule(RedisConfig config, StoreSettings settings) {
    this.config = requireNonNull(config, "config");
    this.settings = requireNonNull(settings, "settings");
  }

  @Override
  protected void configure() {
    Multibinder.newSetBinder(binder(), Managed.class).addBinding().to(RedisConnections.class);
  }

  @Provides
  @Singleton
  UnifiedJedis redis() {
    return RedisClients.create(config);
  }

  @Provides
  @Singleton
  QuotaStore quotaStore(UnifiedJedis redis) {
    return new RedisQuotaStore(redis, settings);
  }

  @Provides
  @Singleton
  UsageStore usageStore(UnifiedJedis redis) {
    return new RedisUsageStore(redis, settings);
  }

  @Provides
  @Singleton
  ApiKeyStore apiKeyStore(UnifiedJedis redis) {
    return new RedisApiKeyStore(redis);
  }
}
