package dev.llmgateway.server.config;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * API-key authentication: whether it is on, the secret keys are hashed with, the keys installed at start
 * and the services reachable without a key. Secrets are already read from the environment.
 *
 * @param enabled whether calls need a key; off only for local development
 * @param hashSecretEnv the variable the hash secret came from, or empty
 * @param hashSecret the HMAC secret keys are hashed with; empty: a random secret per process
 * @param adminKeyEnv the variable an admin key is read from, or empty
 * @param adminKey the admin key found in {@code adminKeyEnv}, if it was set
 * @param keys the keys to install at start, in file order, with unique ids
 * @param publicServices the full names of the gRPC services callers reach without a key
 */
public record AuthConfig(
    boolean enabled,
    String hashSecretEnv,
    Optional<Secret> hashSecret,
    String adminKeyEnv,
    Optional<Secret> adminKey,
    List<ConfiguredKey> keys,
    Set<String> publicServices) {
  /** The scope names a configuration may grant, spelled as in the file. */
  public static final List<String> SCOPE_NAMES = List.of("complete", "embed", "models", "admin");

  public AuthConfig {
    requireNonNull(hashSecretEnv, "hashSecretEnv");
    requireNonNull(hashSecret, "hashSecret");
    requireNonNull(adminKeyEnv, "adminKeyEnv");
    requireNonNull(adminKey, "adminKey");
    keys = List.copyOf(keys);
    publicServices = Set.copyOf(publicServices);
  }

  /**
   * One key from the file. Exactly one of {@code key} and {@code keyHashHex} is present.
   *
   * @param id the key's public id, also the tenant its quotas and usage count against
   * @param name a name for people
   * @param keyEnv the variable the key was read from, or empty for a key given by its hash
   * @param key the key itself, read from {@code keyEnv}
   * @param keyHashHex the key's hash, 64 lower-case hex digits, as {@code llm-gateway --hash-key} prints it
   * @param scopes what the key may call: names from {@link #SCOPE_NAMES}
   * @param models the models (ids or aliases) the key may use; empty allows all
   * @param expiresAt when the key stops working, if ever
   * @param disabled whether the key is switched off
   */
  public record ConfiguredKey(
      String id,
      String name,
      String keyEnv,
      Optional<Secret> key,
      Optional<String> keyHashHex,
      Set<String> scopes,
      Set<String> models,
      Optional<Instant> expiresAt,
      boolean disabled) {
    public ConfiguredKey {
      requireNonNull(id, "id");
      requireNonNull(name, "name");
      requireNonNull(keyEnv, "keyEnv");
      requireNonNull(expiresAt, "expiresAt");
      if (requireNonNull(key, "key").isPresent() == requireNonNull(keyHashHex, "keyHashHex").isPresent()) {
        throw new IllegalArgumentException("key " + id + ": exactly one of key and keyHashHex (expected: one)");
      }
      scopes = Set.copyOf(scopes);
      models = Set.copyOf(models);
    }
  }
}
