package dev.llmgateway.server.store.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.llmgateway.server.store.ApiKeyStore;
import dev.llmgateway.server.store.QuotaStore;
import dev.llmgateway.server.store.StoreSettings;
import dev.llmgateway.server.store.UsageStore;
import org.junit.jupiter.api.Test;

class InMemoryStoreModuleTest {
  @Test
  void bindsTheThreeStoresAsSingletons() {
    Injector injector = Guice.createInjector(new InMemoryStoreModule(StoreSettings.defaults()));

    assertThat(injector.getInstance(QuotaStore.class)).isInstanceOf(InMemoryQuotaStore.class)
        .isSameAs(injector.getInstance(QuotaStore.class));
    assertThat(injector.getInstance(UsageStore.class)).isInstanceOf(InMemoryUsageStore.class)
        .isSameAs(injector.getInstance(UsageStore.class));
    assertThat(injector.getInstance(ApiKeyStore.class)).isInstanceOf(InMemoryApiKeyStore.class)
        .isSameAs(injector.getInstance(ApiKeyStore.class));
  }
}
