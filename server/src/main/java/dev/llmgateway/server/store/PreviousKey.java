package dev.llmgateway.server.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The key a rotation replaced, kept working for an overlap period so callers can switch without a gap.
 *
 * @param keyHash its keyed hash; copied in and out
 * @param validUntil when it stops working
 */
public record PreviousKey(byte[] keyHash, Instant validUntil) {
  public PreviousKey {
    requireNonNull(keyHash, "keyHash");
    requireNonNull(validUntil, "validUntil");
    if (keyHash.length != ApiKeyHasher.HASH_LENGTH) {
      throw new IllegalArgumentException("keyHash: " + keyHash.length + " bytes (expected: "
          + ApiKeyHasher.HASH_LENGTH + ")");
    }
    keyHash = keyHash.clone();
  }

  @Override
  public byte[] keyHash() {
    return keyHash.clone();
  }

  /** Returns the hash in lower-case hex. */
  public String keyHashHex() {
    return HexFormat.of().formatHex(keyHash);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PreviousKey p && Arrays.equals(keyHash, p.keyHash) && validUntil.equals(p.validUntil);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(keyHash) + validUntil.hashCode();
  }

  @Override
  public String toString() {
    return "PreviousKey[validUntil=" + validUntil + "]";
  }
}
