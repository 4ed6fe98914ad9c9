package dev.llmgateway.server.store;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.config.Secret;
import java.security.SecureRandom;
import java.util.Base64;

/** Generates API keys and their ids from a {@link SecureRandom}. Thread-safe. */
public final class ApiKeyGenerator {
  /** The prefix of every key, so scanners and people can tell our keys apart. */
  public static final String KEY_PREFIX = "lgw_";

  private static final int KEY_BYTES = 32;
  private static final int ID_BYTES = 9;
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final SecureRandom random;
  private final ApiKeyHasher hasher;

  public ApiKeyGenerator(SecureRandom random, ApiKeyHasher hasher) {
    this.random = requireNonNull(random, "random");
    this.hasher = requireNonNull(hasher, "hasher");
  }

  /** Returns a new key: {@code lgw_} and 32 random bytes in base64url, a 12-character id, and the key's hash. */
  public IssuedApiKey generate() {
    String key = KEY_PREFIX + BASE64URL.encodeToString(randomBytes(KEY_BYTES));
    String id = BASE64URL.encodeToString(randomBytes(ID_BYTES));
    return new IssuedApiKey(id, new Secret(key), hasher.hash(key));
  }

  private byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    random.nextBytes(bytes);
    return bytes;
  }
}
