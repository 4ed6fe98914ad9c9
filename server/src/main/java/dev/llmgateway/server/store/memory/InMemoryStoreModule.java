package dev.llmgateway.server.store.memory;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.llmgateway.server.store.ApiKeyStore;
import dev.llmgateway.server.store.QuotaStore;
import dev.llmgateway.server.store.StoreSettings;
import dev.llmgateway.server.store.UsageStore;

/** Binds the in-process quota, usage and API-key stores, for one replica or tests. */
public final class InMemoryStoreModule extends AbstractModule {
  private final StoreSettings settings;

  public InMemoryStoreModule(StoreSettings settings) {
    this.settings = requireNonNull(settings, "settings");
  }

  @Provides
  @Singleton
  QuotaStore quotaStore() {
    return new InMemoryQuotaStore(settings);
  }

  @Provides
  @Singleton
  UsageStore usageStore() {
    return new InMemoryUsageStore(settings);
  }

  @Provides
  @Singleton
  ApiKeyStore apiKeyStore() {
    return new InMemoryApiKeyStore();
  }
}
