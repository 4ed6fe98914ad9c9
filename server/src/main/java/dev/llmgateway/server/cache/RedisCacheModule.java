package dev.llmgateway.server.cache;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.llmgateway.server.config.CacheConfig;
import redis.clients.jedis.UnifiedJedis;

/** Binds the Redis backend of the response cache, on the store's Redis client (so the store must be Redis). */
public final class RedisCacheModule extends AbstractModule {

  @Provides
  @Singleton
  ResponseCache responseCache(UnifiedJedis redis, CacheExecutors executors, CacheConfig config) {
    return new RedisResponseCache(redis, executors.lookups(), config.lookupTimeout());
  }
}
