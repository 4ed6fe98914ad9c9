package dev.llmgateway.server.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.llmgateway.server.store.ApiKeyStore;
import dev.llmgateway.server.store.QuotaStore;
import dev.llmgateway.server.store.StoreSettings;
import dev.llmgateway.server.store.StoreUnavailableException;
import dev.llmgateway.server.store.UsageStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

class RedisStoreModuleTest {
  @RegisterExtension
  static final RedisServerExtension redis = new RedisServerExtension();

  @Test
  void bindsTheThreeStoresOnOneSharedClient() {
    Injector injector = Guice.createInjector(new RedisStoreModule(redis.config(), StoreSettings.defaults()));
    UnifiedJedis client = redis.register(injector.getInstance(UnifiedJedis.class));

    assertThat(injector.getInstance(QuotaStore.class)).isInstanceOf(RedisQuotaStore.class)
        .isSameAs(injector.getInstance(QuotaStore.class));
    assertThat(injector.getInstance(UsageStore.class)).isInstanceOf(RedisUsageStore.class);
    assertThat(injector.getInstance(ApiKeyStore.class).isEmpty()).isTrue();
    assertThat(injector.getInstance(UnifiedJedis.class)).isSameAs(client);
  }

  @Test
  void connectsNothingUntilAStoreIsUsed() {
    RedisConfig nobodyListening = RedisConfig.standalone("127.0.0.1:" + RedisServerExtension.freePort());
    Injector injector = Guice.createInjector(new RedisStoreModule(nobodyListening, StoreSettings.defaults()));
    redis.register(injector.getInstance(UnifiedJedis.class));

    ApiKeyStore keys = injector.getInstance(ApiKeyStore.class);

    assertThatThrownBy(keys::isEmpty).isInstanceOf(StoreUnavailableException.class);
  }
}
