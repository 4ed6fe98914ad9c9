package dev.llmgateway.server.store;

import static java.util.Objects.requireNonNull;

import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One API key as stored: never the key itself, only its keyed hash ({@link ApiKeyHasher}).
 *
 * @param id the key's short public id, also the tenant its quotas and usage count against
 * @param displayName a name for people
 * @param keyHash the HMAC-SHA256 of the key; copied in and out
 * @param scopes what the key may call
 * @param modelAllowList the models the key may use; empty allows all
 * @param expiresAt when the key stops working, if ever
 * @param disabled whether the key is switched off
 * @param createdAt when the key was issued
 * @param previousKey the key a rotation replaced, while it still works
 */
public record ApiKeyRecord(
    String id, String displayName, byte[] keyHash, Set<Scope> scopes, Set<String> modelAllowList,
    Optional<Instant> expiresAt, boolean disabled, Instant createdAt, Optional<PreviousKey> previousKey) {
  /** Creates a record with no previous key. */
  public ApiKeyRecord(String id, String displayName, byte[] keyHash, Set<Scope> scopes, Set<String> modelAllowList,
      Optional<Instant> expiresAt, boolean disabled, Instant createdAt) {
    this(id, displayName, keyHash, scopes, modelAllowList, expiresAt, disabled, createdAt, Optional.empty());
  }

  public ApiKeyRecord {
    requireNonNull(id, "id");
    requireNonNull(displayName, "displayName");
    requireNonNull(keyHash, "keyHash");
    requireNonNull(expiresAt, "expiresAt");
    requireNonNull(createdAt, "createdAt");
    requireNonNull(previousKey, "previousKey");
    if (id.isBlank() || id.chars().anyMatch(c -> c <= ' ' || c == '{' || c == '}')) {
      throw new IllegalArgumentException("id: \"" + id + "\" (expected: no blanks or braces)");
    }
    if (keyHash.length != ApiKeyHasher.HASH_LENGTH) {
      throw new IllegalArgumentException("keyHash: " + keyHash.length + " bytes (expected: "
          + ApiKeyHasher.HASH_LENGTH + ")");
    }
    for (String model : modelAllowList) {
      // Stored one per line.
      if (model.isBlank() || model.chars().anyMatch(c -> c == '\n' || c == '\r')) {
        throw new IllegalArgumentException("modelAllowList: \"" + model + "\" (expected: a model name)");
      }
    }
    keyHash = keyHash.clone();
    scopes = Set.copyOf(scopes);
    modelAllowList = Set.copyOf(modelAllowList);
  }

  @Override
  public byte[] keyHash() {
    return keyHash.clone();
  }

  /** Returns the key hash in lower-case hex, the form stored indexes use. */
  public String keyHashHex() {
    return HexFormat.of().formatHex(keyHash);
  }

  /** Returns whether the key may be used at {@code now}: not disabled and not expired. */
  public boolean activeAt(Instant now) {
    return !disabled && expiresAt.map(now::isBefore).orElse(true);
  }

  /** Returns whether {@code hash} is this key's previous hash and still works at {@code now}. */
  public boolean previousKeyWorksAt(byte[] hash, Instant now) {
    return previousKey.filter(p -> now.isBefore(p.validUntil()) && MessageDigest.isEqual(p.keyHash(), hash))
        .isPresent();
  }

  /** Returns this record with another display name, scopes, allow-list, expiry and switch. */
  public ApiKeyRecord withSettings(String displayName, Set<Scope> scopes, Set<String> modelAllowList,
      Optional<Instant> expiresAt, boolean disabled) {
    return new ApiKeyRecord(id, displayName, keyHash, scopes, modelAllowList, expiresAt, disabled, createdAt,
        previousKey);
  }

  /** Returns this record with a new key hash, the current one becoming the previous key, if given. */
  public ApiKeyRecord rotated(byte[] newKeyHash, Optional<Instant> previousValidUntil) {
    return new ApiKeyRecord(id, displayName, newKeyHash, scopes, modelAllowList, expiresAt, disabled, createdAt,
        previousValidUntil.map(until -> new PreviousKey(keyHash, until)));
  }

  /** Returns the hashes that find this record: its own and, while it is kept, the previous one. */
  public List<String> hashesHex() {
    return previousKey.isEmpty() ? List.of(keyHashHex())
        : List.of(keyHashHex(), HexFormat.of().formatHex(previousKey.get().keyHash()));
  }

  /** Returns whether the key may use {@code model}. */
  public boolean allowsModel(String model) {
    return modelAllowList.isEmpty() || modelAllowList.contains(model);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ApiKeyRecord r
        && id.equals(r.id)
        && displayName.equals(r.displayName)
        && Arrays.equals(keyHash, r.keyHash)
        && scopes.equals(r.scopes)
        && modelAllowList.equals(r.modelAllowList)
        && expiresAt.equals(r.expiresAt)
        && disabled == r.disabled
        && createdAt.equals(r.createdAt)
        && previousKey.equals(r.previousKey);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, displayName, Arrays.hashCode(keyHash), scopes, modelAllowList, expiresAt, disabled,
        createdAt, previousKey);
  }

  @Override
  public String toString() {
    // The hash is not the key, but it is not for logs either.
    return "ApiKeyRecord[id=" + id + ", displayName=" + displayName + ", scopes=" + scopes + ", modelAllowList="
        + modelAllowList + ", expiresAt=" + expiresAt + ", disabled=" + disabled + ", createdAt=" + createdAt
        + ", previousKeyUntil=" + previousKey.map(PreviousKey::validUntil) + "]";
  }
}
