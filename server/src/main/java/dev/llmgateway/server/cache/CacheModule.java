package dev.llmgateway.server.cache;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.llmgateway.server.config.CacheConfig;
import dev.llmgateway.server.config.GatewayConfig;
import dev.llmgateway.server.lifecycle.Managed;

/**
 * Binds the response cache's parts shared by both backends; {@link MemoryCacheModule} or
 * {@link RedisCacheModule} binds the backend.
 */
public final class CacheModule extends AbstractModule {

  @Override
  protected void configure() {
    Multibinder<Managed> managed = Multibinder.newSetBinder(binder(), Managed.class);
    managed.addBinding().to(CacheWriter.class);
    managed.addBinding().to(CacheExecutors.class);
  }

  @Provides
  @Singleton
  CacheConfig cacheConfig(GatewayConfig config) {
    return config.cache();
  }
}
