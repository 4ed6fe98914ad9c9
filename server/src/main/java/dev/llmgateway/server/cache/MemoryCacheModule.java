package dev.llmgateway.server.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.llmgateway.server.config.CacheConfig;

/** Binds the in-process (Caffeine) backend of the response cache. */
public final class MemoryCacheModule extends AbstractModule {

  @Provides
  @Singleton
  Ticker ticker() {
    return Ticker.systemTicker();
  }

  @Provides
  @Singleton
  ResponseCache responseCache(CacheConfig config, Ticker ticker) {
    return new CaffeineResponseCache(config.maxBytes(), ticker);
  }
}
