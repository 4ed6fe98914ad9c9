package dev.llmgateway.server.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.config.Secret;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes presented API keys with HMAC-SHA256 under a server-side secret, so a leaked store alone cannot
 * be used to check guesses. Thread-safe.
 */
public final class ApiKeyHasher {
  /** The length of every hash, in bytes. */
  public static final int HASH_LENGTH = 32;
  /** The shortest secret accepted, in bytes: HMAC-SHA256 gains nothing from more, loses from less. */
  public static final int MIN_SECRET_LENGTH = 32;

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  public ApiKeyHasher(Secret secret) {
    byte[] bytes = requireNonNull(secret, "secret").reveal().getBytes(UTF_8);
    if (bytes.length < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException("secret: " + bytes.length + " bytes (expected: >= " + MIN_SECRET_LENGTH + ")");
    }
    this.key = new SecretKeySpec(bytes, ALGORITHM);
  }

  /** Returns the keyed hash of a presented key. */
  public byte[] hash(String presentedKey) {
    requireNonNull(presentedKey, "presentedKey");
    return newMac().doFinal(presentedKey.getBytes(UTF_8));
  }

  /** Returns whether {@code presentedKey} hashes to {@code storedHash}, comparing in constant time. */
  public boolean matches(String presentedKey, byte[] storedHash) {
    requireNonNull(storedHash, "storedHash");
    return MessageDigest.isEqual(hash(presentedKey), storedHash);
  }

  private Mac newMac() {
    // A Mac is not thread-safe; a fresh one per hash is cheap next to a network call.
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every Java platform must provide HmacSHA256, and the key was built for it.
      throw new IllegalStateException(ALGORITHM + " unavailable", e);
    }
  }
}
