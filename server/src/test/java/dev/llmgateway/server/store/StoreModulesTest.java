package dev.llmgateway.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.llmgateway.server.store.memory.InMemoryApiKeyStore;
import dev.llmgateway.server.store.memory.InMemoryAuditStore;
import dev.llmgateway.server.store.memory.InMemoryCatalogStore;
import dev.llmgateway.server.store.memory.InMemoryQuotaStore;
import dev.llmgateway.server.store.memory.InMemoryStoreModule;
import dev.llmgateway.server.store.memory.InMemoryUsageStore;
import dev.llmgateway.server.store.redis.RedisApiKeyStore;
import dev.llmgateway.server.store.redis.RedisAuditStore;
import dev.llmgateway.server.store.redis.RedisCatalogStore;
import dev.llmgateway.server.store.redis.RedisQuotaStore;
import dev.llmgateway.server.store.redis.RedisServerExtension;
import dev.llmgateway.server.store.redis.RedisStoreChanges;
import dev.llmgateway.server.store.redis.RedisStoreModule;
import dev.llmgateway.server.store.redis.RedisUsageStore;
import dev.llmgateway.server.store.sqlite.SqliteApiKeyStore;
import dev.llmgateway.server.store.sqlite.SqliteAuditStore;
import dev.llmgateway.server.store.sqlite.SqliteCatalogStore;
import dev.llmgateway.server.store.sqlite.SqliteDatabase;
import dev.llmgateway.server.store.sqlite.SqliteStoreModule;
import dev.llmgateway.server.store.sqlite.SqliteUsageStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Each store module binds the whole {@link Store}, every part on its own backend. */
class StoreModulesTest {
  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();
  @TempDir Path dir;

  @Test
  void memoryBindsEveryPartInProcess() {
    Store store = Guice.createInjector(new InMemoryStoreModule(StoreSettings.defaults())).getInstance(Store.class);

    assertThat(store.keys()).isInstanceOf(InMemoryApiKeyStore.class);
    assertThat(store.quotas()).isInstanceOf(InMemoryQuotaStore.class);
    assertThat(store.usage()).isInstanceOf(InMemoryUsageStore.class);
    assertThat(store.catalog()).isInstanceOf(InMemoryCatalogStore.class);
    assertThat(store.audit()).isInstanceOf(InMemoryAuditStore.class);
    assertThat(store.changes()).isInstanceOf(LocalStoreChanges.class);
  }

  @Test
  void embeddedBindsEveryPartButQuotasToOneDatabaseAndKeepsTheHashSecretBesideIt() throws Exception {
    Path file = dir.resolve("state/gateway.db");
    Injector injector = Guice.createInjector(new SqliteStoreModule(file, StoreSettings.defaults()));
    Store store = injector.getInstance(Store.class);
    try {
      assertThat(store.keys()).isInstanceOf(SqliteApiKeyStore.class);
      assertThat(store.quotas()).isInstanceOf(InMemoryQuotaStore.class);
      assertThat(store.usage()).isInstanceOf(SqliteUsageStore.class);
      assertThat(store.catalog()).isInstanceOf(SqliteCatalogStore.class);
      assertThat(store.audit()).isInstanceOf(SqliteAuditStore.class);
      KeyHashSecret secret = injector.getInstance(KeyHashSecret.class);
      assertThat(secret.persistent()).isTrue();
      assertThat(Files.readString(dir.resolve("state/gateway.db.hash-secret")).strip())
          .isEqualTo(secret.secret().reveal());
      assertThat(Guice.createInjector(new SqliteStoreModule(file, StoreSettings.defaults()))
          .getInstance(KeyHashSecret.class).secret()).isEqualTo(secret.secret());
    } finally {
      ((SqliteUsageStore) store.usage()).close();
      injector.getInstance(SqliteDatabase.class).close();
    }
  }

  @Test
  void redisBindsEveryPartToOneClient() {
    Injector injector = Guice.createInjector(new RedisStoreModule(redis.config(), StoreSettings.defaults()));
    redis.register(injector.getInstance(redis.clients.jedis.UnifiedJedis.class));
    Store store = injector.getInstance(Store.class);

    assertThat(store.keys()).isInstanceOf(RedisApiKeyStore.class);
    assertThat(store.quotas()).isInstanceOf(RedisQuotaStore.class);
    assertThat(store.usage()).isInstanceOf(RedisUsageStore.class);
    assertThat(store.catalog()).isInstanceOf(RedisCatalogStore.class);
    assertThat(store.audit()).isInstanceOf(RedisAuditStore.class);
    assertThat(store.changes()).isInstanceOf(RedisStoreChanges.class);
  }
}
