package dev.llmgateway.server.store.sqlite;

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
import dev.llmgateway.server.store.LocalStoreChanges;
import dev.llmgateway.server.store.QuotaStore;
import dev.llmgateway.server.store.StoreChanges;
import dev.llmgateway.server.store.StoreSettings;
import dev.llmgateway.server.store.UsageStore;
import dev.llmgateway.server.store.memory.InMemoryQuotaStore;
import java.nio.file.Path;

/**
 * Binds the embedded store: keys, usage, run-time catalogue and audit log in one SQLite file, opened when first
 * injected. Quota counters stay in process: an admission is on every call's path, and a minute window lost to a
 * restart costs little (a day's token and spend windows start over after one, which the README says).
 */
public final class SqliteStoreModule extends AbstractModule {
  private final Path file;
  private final StoreSettings settings;

  public SqliteStoreModule(Path file, StoreSettings settings) {
    this.file = requireNonNull(file, "file");
    this.settings = requireNonNull(settings, "settings");
  }

  @Override
  protected void configure() {
    bind(StoreChanges.class).to(LocalStoreChanges.class).in(Singleton.class);
    Multibinder.newSetBinder(binder(), Managed.class).addBinding().to(SqliteLifecycle.class);
  }

  @Provides
  @Singleton
  SqliteDatabase database() {
    return SqliteDatabase.open(file);
  }

  @Provides
  @Singleton
  QuotaStore quotaStore() {
    return new InMemoryQuotaStore(settings);
  }

  @Provides
  @Singleton
  SqliteUsageStore sqliteUsageStore(SqliteDatabase db) {
    return new SqliteUsageStore(db, settings);
  }

  @Provides
  @Singleton
  UsageStore usageStore(SqliteUsageStore usage) {
    return usage;
  }

  @Provides
  @Singleton
  ApiKeyStore apiKeyStore(SqliteDatabase db) {
    return new SqliteApiKeyStore(db);
  }

  @Provides
  @Singleton
  AuditStore auditStore(SqliteDatabase db) {
    return new SqliteAuditStore(db);
  }

  @Provides
  @Singleton
  CatalogStore catalogStore(SqliteDatabase db) {
    return new SqliteCatalogStore(db);
  }

  @Provides
  @Singleton
  KeyHashSecret keyHashSecret() {
    return SqliteKeyHashSecret.load(file);
  }
}
