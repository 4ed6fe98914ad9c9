package dev.llmgateway.server.store.memory;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.llmgateway.server.store.ApiKeyStore;
import dev.llmgateway.server.store.AuditStore;
import dev.llmgateway.server.store.CatalogStore;
import dev.llmgateway.server.store.KeyHashSecret;
import dev.llmgateway.server.store.LocalStoreChanges;
import dev.llmgateway.server.store.QuotaStore;
import dev.llmgateway.server.store.StoreChanges;
import dev.llmgateway.server.store.StoreSettings;
import dev.llmgateway.server.store.UsageStore;

/** Binds the in-process stores, for tests and ephemeral runs: everything is lost when the process ends. */
public final class InMemoryStoreModule extends AbstractModule {
  private final StoreSettings settings;

  public InMemoryStoreModule(StoreSettings settings) {
    this.settings = requireNonNull(settings, "settings");
  }

  @Override
  protected void configure() {
    bind(CatalogStore.class).to(InMemoryCatalogStore.class).in(Singleton.class);
    bind(AuditStore.class).to(InMemoryAuditStore.class).in(Singleton.class);
    bind(StoreChanges.class).to(LocalStoreChanges.class).in(Singleton.class);
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

  @Provides
  @Singleton
  KeyHashSecret keyHashSecret() {
    return KeyHashSecret.perProcess();
  }
}
