package dev.llmgateway.server.auth;

import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import dev.llmgateway.server.config.AuthConfig;
import dev.llmgateway.server.config.AuthConfig.ConfiguredKey;
import dev.llmgateway.server.config.AuthConfigParser;
import dev.llmgateway.server.config.InvalidConfigException;
import dev.llmgateway.server.config.Secret;
import dev.llmgateway.server.lifecycle.Managed;
import dev.llmgateway.server.store.ApiKeyGenerator;
import dev.llmgateway.server.store.ApiKeyHasher;
import dev.llmgateway.server.store.ApiKeyRecord;
import dev.llmgateway.server.store.IssuedApiKey;
import dev.llmgateway.server.store.KeyHashSecret;
import dev.llmgateway.server.store.Scope;
import dev.llmgateway.server.store.StoreUnavailableException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Installs API keys before the gateway serves: the configuration's keys, then the admin key from
 * {@code auth.admin-key-env}; then, when authentication is on and the store still holds no key at all,
 * generates an admin key and shows it once on the {@link StartupConsole}, never in the log. Keys are
 * created or updated by id, keeping the creation time of a key already stored. A failure stops start-up.
 */
@Singleton
final class ApiKeyBootstrap implements Managed {
  private static final Logger logger = Logger.getLogger(ApiKeyBootstrap.class.getName());
  private static final Set<Scope> ALL_SCOPES = EnumSet.allOf(Scope.class);

  private final AuthConfig config;
  private final CachingApiKeyStore store;
  private final ApiKeyHasher hasher;
  private final ApiKeyGenerator generator;
  private final Clock clock;
  private final PrintStream console;
  private final Provider<KeyHashSecret> storeSecret;

  @Inject
  ApiKeyBootstrap(AuthConfig config, CachingApiKeyStore store, ApiKeyHasher hasher, ApiKeyGenerator generator,
      Clock clock, @StartupConsole PrintStream console, Provider<KeyHashSecret> storeSecret) {
    this.storeSecret = storeSecret;
    this.config = config;
    this.store = store;
    this.hasher = hasher;
    this.generator = generator;
    this.clock = clock;
    this.console = console;
  }

  @Override
  public void start() {
    if (!config.enabled()) {
      logger.warning("API-KEY AUTHENTICATION IS OFF (auth.enabled = false): every caller may call everything,"
          + " admin included. Use this for local development only.");
    }
    try {
      // With a secret of its own, this process cannot match any hash another process stored.
      if (config.hashSecret().isEmpty() && !storeSecret.get().persistent() && !store.isEmpty()) {
        throw new InvalidConfigException("invalid configuration: auth.hash-secret-env: the key store already holds"
            + " keys, hashed with a secret this process does not know; set auth.hash-secret-env to that secret");
      }
      for (ConfiguredKey key : config.keys()) {
        install(key.id(), key.name(), hashOf(key), scopesOf(key), key.models(), key.expiresAt(), key.disabled(),
            "auth.keys entry '" + key.id() + "'");
      }
      Optional<Secret> adminKey = config.adminKey();
      if (adminKey.isPresent()) {
        install(AuthConfigParser.ADMIN_KEY_ID, "admin (" + config.adminKeyEnv() + ")",
            hasher.hash(adminKey.get().reveal()), ALL_SCOPES, Set.of(), Optional.empty(), false,
            "the key in " + config.adminKeyEnv());
      }
      if (config.enabled() && store.isEmpty()) {
        IssuedApiKey issued = generator.generate();
        install(AuthConfigParser.ADMIN_KEY_ID, "admin (generated)", issued.keyHash(), ALL_SCOPES, Set.of(),
            Optional.empty(), false, "the generated admin key");
        announce(issued.key());
        logger.info("no API key existed: generated admin key '" + AuthConfigParser.ADMIN_KEY_ID
            + "' and printed it once to standard output");
      }
    } catch (StoreUnavailableException e) {
      throw new IllegalStateException("auth: cannot install API keys", e);
    }
  }

  @Override
  public void close() {
    // Nothing runs in the background.
  }

  private void install(String id, String name, byte[] hash, Set<Scope> scopes, Set<String> models,
      Optional<Instant> expiresAt, boolean disabled, String what) {
    Instant createdAt = store.get(id).map(ApiKeyRecord::createdAt).orElseGet(clock::instant);
    try {
      store.put(new ApiKeyRecord(id, name, hash, scopes, models, expiresAt, disabled, createdAt));
    } catch (IllegalArgumentException e) {
      // The store refuses a second record with the same hash: the same key under two ids.
      throw new InvalidConfigException("invalid configuration: " + what + ": " + e.getMessage()
          + " (one key, two ids: give each id its own key)", e);
    }
  }

  private byte[] hashOf(ConfiguredKey key) {
    return key.key().isPresent()
        ? hasher.hash(key.key().get().reveal())
        : HexFormat.of().parseHex(key.keyHashHex().orElseThrow());
  }

  private static Set<Scope> scopesOf(ConfiguredKey key) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String name : key.scopes()) {
      scopes.add(Scope.valueOf(name.toUpperCase(Locale.ROOT)));
    }
    return scopes;
  }

  private void announce(Secret key) {
    String rule = "=".repeat(100);
    console.println(rule);
    console.println("llm-gateway: no API key existed, so an admin key (id \"" + AuthConfigParser.ADMIN_KEY_ID
        + "\", every scope) was generated.");
    console.println("It is shown only this once and cannot be recovered: keep it somewhere safe, e.g. a secret manager.");
    console.println("Send it with every call, as gRPC metadata:");
    console.println();
    console.println("    authorization: Bearer " + key.reveal());
    console.println();
    console.println("e.g. grpcurl -plaintext -H \"authorization: Bearer $KEY\" -d '{}' localhost:50051 "
        + "llmgateway.v1.GatewayService/ListModels");
    console.println("To use a key of your own instead, set "
        + (config.adminKeyEnv().isEmpty() ? "auth.admin-key-env" : config.adminKeyEnv())
        + " (at least " + AuthConfigParser.MIN_KEY_LENGTH + " characters) or list keys under auth.keys.");
    console.println(rule);
    console.flush();
  }
}
