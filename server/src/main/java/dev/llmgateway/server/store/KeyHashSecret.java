package dev.llmgateway.server.store;

import dev.llmgateway.server.config.Secret;

/**
 * Supplies the secret API keys are hashed with when the configuration names none ({@code auth.hash-secret-env}
 * unset): a random one per process for stores that forget everything anyway, or one kept beside an embedded
 * store, so its keys still match after a restart.
 *
 * @param secret the secret
 * @param persistent whether the same secret comes back after a restart
 */
public record KeyHashSecret(Secret secret, boolean persistent) {
  /** Returns a random secret for this process only. */
  public static KeyHashSecret perProcess() {
    byte[] bytes = new byte[32];
    new java.security.SecureRandom().nextBytes(bytes);
    return new KeyHashSecret(new Secret(java.util.Base64.getEncoder().encodeToString(bytes)), false);
  }
}
