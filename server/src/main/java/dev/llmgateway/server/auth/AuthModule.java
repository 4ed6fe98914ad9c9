package dev.llmgateway.server.auth;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.llmgateway.server.config.AuthConfig;
import dev.llmgateway.server.lifecycle.Managed;
import dev.llmgateway.server.store.ApiKeyGenerator;
import dev.llmgateway.server.store.ApiKeyHasher;
import dev.llmgateway.server.store.ApiKeyStore;
import dev.llmgateway.server.store.KeyHashSecret;
import dev.llmgateway.server.store.StoreChange;
import dev.llmgateway.server.store.StoreChanges;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * Binds API-key authentication: its configuration, the hasher (from the configured secret, or else the store's
 * {@link KeyHashSecret}), the key generator, the caching view of the key store (told of changes made on other
 * replicas), the clock, and the start-up installation of keys. The edge's interceptor list picks up
 * {@code AuthInterceptor} itself. Needs the store bindings from a store module.
 */
public final class AuthModule extends AbstractModule {
  /** How long a key lookup answer is reused: how late a revocation on another replica takes effect. */
  static final Duration CACHE_TTL = Duration.ofSeconds(1);
  /** How many lookup answers are kept, found and not found together. */
  static final int CACHE_ENTRIES = 10_000;

  private final AuthConfig config;

  public AuthModule(AuthConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(AuthConfig.class).toInstance(config);
    bind(PrintStream.class).annotatedWith(StartupConsole.class).toInstance(System.out);
    Multibinder.newSetBinder(binder(), Managed.class).addBinding().to(ApiKeyBootstrap.class);
  }

  @Provides
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  @Provides
  @Singleton
  ApiKeyHasher hasher(Provider<KeyHashSecret> storeSecret) {
    // Asked for only when needed, so a configured secret leaves no unused secret file beside an embedded store.
    return new ApiKeyHasher(config.hashSecret().orElseGet(() -> storeSecret.get().secret()));
  }

  @Provides
  @Singleton
  ApiKeyGenerator generator(ApiKeyHasher hasher) {
    return new ApiKeyGenerator(new SecureRandom(), hasher);
  }

  @Provides
  @Singleton
  CachingApiKeyStore cachingStore(ApiKeyStore store, Clock clock, StoreChanges changes) {
    CachingApiKeyStore caching = new CachingApiKeyStore(store, clock, CACHE_TTL, CACHE_ENTRIES);
    changes.subscribe(change -> {
      if (change.kind() == StoreChange.Kind.API_KEY) {
        caching.forget(change.id());
      }
    });
    return caching;
  }
}
