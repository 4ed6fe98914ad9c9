package dev.llmgateway.server.store.redis;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.llmgateway.server.lifecycle.Managed;
import dev.llmgateway.server.store.ApiKeyStore;
import dev.llmgateway.server.store.AuditStore;
import dev.llmgateway.server.store.CatalogStore;
import dev.llmgateway.server.store.KeyHashSecret;
import dev.llmgateway.server.store.QuotaStore;
import dev.llmgateway.server.store.StoreChanges;
import dev.llmgateway.server.store.StoreSettings;
import dev.llmgateway.server.store.UsageStore;
import redis.clients.jedis.UnifiedJedis;

/**
 * Binds the Redis-backed stores, the change feed between replicas and the one {@link UnifiedJedis} they
 * share. The client is built, and the key layout migrated, when first injected, not here; whoever owns shutdown
 * closes it.
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
    Multibinder<Managed> managed = Multibinder.newSetBinder(binder(), Managed.class);
    managed.addBinding().to(RedisConnections.class);
    managed.addBinding().to(RedisStoreChanges.class);
    bind(StoreChanges.class).to(RedisStoreChanges.class);
  }

  @Provides
  @Singleton
  UnifiedJedis redis() {
    return RedisClients.create(config);
  }

  @Provides
  @Singleton
  RedisSchema schema(UnifiedJedis redis) {
    return new RedisSchema(redis);
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
  ApiKeyStore apiKeyStore(UnifiedJedis redis, RedisSchema schema) {
    return new RedisApiKeyStore(redis, schema);
  }

  @Provides
  @Singleton
  AuditStore auditStore(UnifiedJedis redis) {
    return new RedisAuditStore(redis);
  }

  @Provides
  @Singleton
  CatalogStore catalogStore(UnifiedJedis redis) {
    return new RedisCatalogStore(redis);
  }

  @Provides
  @Singleton
  KeyHashSecret keyHashSecret() {
    // The configuration requires auth.hash-secret-env with Redis when auth is on; without auth, nothing matches.
    return KeyHashSecret.perProcess();
  }
}
