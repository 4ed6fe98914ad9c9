package dev.llmgateway.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link ApiKeyStore} shares; each implementation runs it through a subclass. */
public abstract class ApiKeyStoreContractTest {
  protected static final Instant CREATED = Instant.parse("2024-05-01T12:00:00.123456789Z");

  protected ApiKeyStore store;

  /** Returns a store of the implementation under test, empty. */
  protected abstract ApiKeyStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  @Test
  void startsEmpty() {
    assertThat(store.isEmpty()).isTrue();
    assertThat(store.list()).isEmpty();
    assertThat(store.get("key-a")).isEmpty();
    assertThat(store.findByHash(hash(1))).isEmpty();
  }

  @Test
  void findsAStoredRecordByIdAndByHashWithEveryField() {
    ApiKeyRecord record = new ApiKeyRecord("key-a", "CI pipeline", hash(1), Set.of(Scope.COMPLETE, Scope.EMBED),
        Set.of("gpt-4o", "claude-3-5-sonnet"), Optional.of(Instant.parse("2025-01-01T00:00:00.5Z")), true, CREATED);

    store.put(record);

    assertThat(store.isEmpty()).isFalse();
    assertThat(store.get("key-a")).contains(record);
    assertThat(store.findByHash(hash(1))).contains(record);
    assertThat(store.findByHash(hash(2))).isEmpty();
  }

  @Test
  void replacesARecordAndForgetsItsOldHash() {
    store.put(record("key-a", 1));
    ApiKeyRecord rotated = new ApiKeyRecord("key-a", "rotated", hash(2), Set.of(Scope.ADMIN), Set.of(),
        Optional.empty(), false, CREATED);

    store.put(rotated);

    assertThat(store.findByHash(hash(1))).isEmpty();
    assertThat(store.findByHash(hash(2))).contains(rotated);
    assertThat(store.list()).containsExactly(rotated);
  }

  @Test
  void clearsAnExpiryThatWasRemoved() {
    ApiKeyRecord expiring = new ApiKeyRecord("key-a", "a", hash(1), Set.of(Scope.MODELS), Set.of(),
        Optional.of(CREATED.plusSeconds(60)), false, CREATED);
    store.put(expiring);

    store.put(record("key-a", 1));

    assertThat(store.get("key-a").orElseThrow().expiresAt()).isEmpty();
  }

  @Test
  void refusesAHashAnotherKeyAlreadyHas() {
    store.put(record("key-a", 1));

    assertThatThrownBy(() -> store.put(record("key-b", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("keyHash: already used by key key-a");
    assertThat(store.get("key-b")).isEmpty();
    assertThat(store.findByHash(hash(1)).orElseThrow().id()).isEqualTo("key-a");
  }

  @Test
  void listsEveryRecordById() {
    store.put(record("key-c", 3));
    store.put(record("key-a", 1));
    store.put(record("key-b", 2));

    assertThat(store.list()).extracting(ApiKeyRecord::id).containsExactly("key-a", "key-b", "key-c");
  }

  @Test
  void keepsNoReferenceToTheCallersHash() {
    byte[] hash = hash(1);
    store.put(new ApiKeyRecord("key-a", "a", hash, Set.of(), Set.of(), Optional.empty(), false, CREATED));

    Arrays.fill(hash, (byte) 0);

    assertThat(store.findByHash(hash(1))).isPresent();
  }

  @Test
  void deletesARecordAndBothItsHashes() {
    store.put(record("key-a", 1).rotated(hash(2), Optional.of(CREATED.plusSeconds(60))));
    store.put(record("key-b", 3));

    assertThat(store.delete("key-a")).isTrue();
    assertThat(store.delete("key-a")).isFalse();

    assertThat(store.get("key-a")).isEmpty();
    assertThat(store.findByHash(hash(1))).isEmpty();
    assertThat(store.findByHash(hash(2))).isEmpty();
    assertThat(store.list()).extracting(ApiKeyRecord::id).containsExactly("key-b");
    store.put(record("key-c", 1));
    assertThat(store.findByHash(hash(1)).orElseThrow().id()).isEqualTo("key-c");
  }

  @Test
  void findsARotatedRecordByItsNewAndPreviousHashUntilReplaced() {
    ApiKeyRecord rotated = record("key-a", 1).rotated(hash(2), Optional.of(CREATED.plusSeconds(60)));
    store.put(record("key-a", 1));

    store.put(rotated);

    assertThat(rotated.keyHash()).isEqualTo(hash(2));
    assertThat(store.findByHash(hash(2))).contains(rotated);
    assertThat(store.findByHash(hash(1))).contains(rotated);
    assertThat(store.get("key-a").orElseThrow().previousKey().orElseThrow().validUntil())
        .isEqualTo(CREATED.plusSeconds(60));
    assertThat(store.list()).containsExactly(rotated);

    ApiKeyRecord again = rotated.rotated(hash(3), Optional.empty());
    store.put(again);

    assertThat(store.findByHash(hash(1))).isEmpty();
    assertThat(store.findByHash(hash(2))).isEmpty();
    assertThat(store.findByHash(hash(3))).contains(again);
  }

  @Test
  void refusesAPreviousHashAnotherKeyHas() {
    store.put(record("key-a", 1));

    assertThatThrownBy(() -> store.put(record("key-b", 1).rotated(hash(3), Optional.of(CREATED))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.put(record("key-b", 3).rotated(hash(4), Optional.of(CREATED))
            .rotated(hash(1), Optional.of(CREATED))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("keyHash: already used by key key-a");
    assertThat(store.get("key-b")).isEmpty();
  }

  /** Returns a minimal record whose key hash is {@code hashSeed} repeated. */
  public static ApiKeyRecord record(String id, int hashSeed) {
    return new ApiKeyRecord(id, "key " + id, hash(hashSeed), Set.of(Scope.COMPLETE), Set.of(), Optional.empty(),
        false, CREATED);
  }

  /** Returns a key hash of {@code seed} repeated. */
  public static byte[] hash(int seed) {
    byte[] hash = new byte[ApiKeyHasher.HASH_LENGTH];
    Arrays.fill(hash, (byte) seed);
    return hash;
  }
}
