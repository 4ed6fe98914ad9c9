package dev.llmgateway.server.store;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.config.Secret;

/**
 * A freshly generated API key: the key itself, shown to its owner once and never stored, with the id and
 * hash that are stored.
 *
 * @param id the key's public id
 * @param key the key, {@code lgw_} followed by 43 base64url characters
 * @param keyHash its {@link ApiKeyHasher} hash
 */
public record IssuedApiKey(String id, Secret key, byte[] keyHash) {
  public IssuedApiKey {
    requireNonNull(id, "id");
    requireNonNull(key, "key");
    keyHash = requireNonNull(keyHash, "keyHash").clone();
  }

  @Override
  public byte[] keyHash() {
    return keyHash.clone();
  }
}
