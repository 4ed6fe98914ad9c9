package dev.llmgateway.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.server.store.ApiKeyRecord;
import dev.llmgateway.server.store.Scope;
import dev.llmgateway.server.store.StoreUnavailableException;
import dev.llmgateway.server.testing.MutableClock;
import dev.llmgateway.server.testing.SwitchableApiKeyStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CachingApiKeyStoreTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private final MutableClock clock = new MutableClock(NOW);
  private final SwitchableApiKeyStore backend = new SwitchableApiKeyStore();
  private final CachingApiKeyStore cache = new CachingApiKeyStore(backend, clock, Duration.ofSeconds(1), 3);

  @Test
  void answersFromTheCacheForLessThanTheTtlThenAsksTheStoreAgain() {
    backend.put(record("a", 1, false));

    assertThat(cache.findByHash(hash(1))).map(ApiKeyRecord::id).contains("a");
    clock.advance(Duration.ofMillis(999));
    assertThat(cache.findByHash(hash(1))).isPresent();
    assertThat(backend.lookups()).isEqualTo(1);

    clock.advance(Duration.ofMillis(1));
    assertThat(cache.findByHash(hash(1))).isPresent();
    assertThat(backend.lookups()).isEqualTo(2);
  }

  @Test
  void aChangeMadeBehindTheCacheShowsOnceTheAnswerExpires() {
    backend.put(record("a", 1, false));
    cache.findByHash(hash(1));

    backend.put(record("a", 1, true));

    assertThat(cache.findByHash(hash(1))).map(ApiKeyRecord::disabled).contains(false);
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.findByHash(hash(1))).map(ApiKeyRecord::disabled).contains(true);
  }

  @Test
  void forgetsWhatAnotherReplicaChangedAtOnce() {
    backend.put(record("a", 1, false));
    backend.put(record("b", 2, false));
    cache.findByHash(hash(1));
    cache.findByHash(hash(2));
    cache.findByHash(hash(3));
    backend.put(record("a", 1, true));
    backend.put(record("c", 3, false));

    cache.forget("a");

    assertThat(cache.findByHash(hash(1))).map(ApiKeyRecord::disabled).contains(true);
    assertThat(cache.findByHash(hash(3))).as("a not-found answer may hide a created key").isPresent();
    assertThat(backend.lookups()).isEqualTo(5);
    cache.findByHash(hash(2));
    assertThat(backend.lookups()).as("other keys' answers are kept").isEqualTo(5);

    cache.forget("");
    cache.findByHash(hash(2));
    assertThat(backend.lookups()).isEqualTo(6);
  }

  @Test
  void deletingForgetsTheKeyAtOnce() {
    backend.put(record("a", 1, false));
    cache.findByHash(hash(1));

    assertThat(cache.delete("a")).isTrue();

    assertThat(cache.findByHash(hash(1))).isEmpty();
  }

  @Test
  void cachesNotFoundForTheTtlToo() {
    assertThat(cache.findByHash(hash(1))).isEmpty();
    backend.put(record("a", 1, false));

    assertThat(cache.findByHash(hash(1))).isEmpty();
    assertThat(backend.lookups()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(cache.findByHash(hash(1))).isPresent();
  }

  @Test
  void aPutThroughTheCacheTakesEffectAtOnce() {
    backend.put(record("a", 1, false));
    cache.findByHash(hash(1));
    cache.findByHash(hash(2));

    cache.put(record("a", 2, false));

    assertThat(cache.findByHash(hash(1))).isEmpty();
    assertThat(cache.findByHash(hash(2))).map(ApiKeyRecord::id).contains("a");
  }

  @Test
  void keepsAtMostMaxEntriesEvictingTheOldest() {
    for (int i = 1; i <= 4; i++) {
      cache.findByHash(hash(i));
      clock.advance(Duration.ofMillis(10));
    }
    assertThat(cache.size()).isEqualTo(3);
    int lookups = backend.lookups();

    cache.findByHash(hash(2));
    cache.findByHash(hash(3));
    cache.findByHash(hash(4));
    assertThat(backend.lookups()).isEqualTo(lookups);
    cache.findByHash(hash(1));
    assertThat(backend.lookups()).isEqualTo(lookups + 1);
  }

  @Test
  void aFailedLookupIsNeitherCachedNorAnsweredFromAnOlderAnswer() {
    backend.put(record("a", 1, false));
    cache.findByHash(hash(1));
    clock.advance(Duration.ofSeconds(1));
    backend.failWith(() -> new StoreUnavailableException("api key lookup", new IOException("down")));

    assertThatThrownBy(() -> cache.findByHash(hash(1))).isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> cache.findByHash(hash(2))).isInstanceOf(StoreUnavailableException.class);

    backend.failWith(null);
    assertThat(cache.findByHash(hash(1))).isPresent();
  }

  @Test
  void aClockThatWentBackDoesNotKeepAnAnswerAlive() {
    backend.put(record("a", 1, false));
    cache.findByHash(hash(1));

    clock.advance(Duration.ofMillis(-1));
    cache.findByHash(hash(1));

    assertThat(backend.lookups()).isEqualTo(2);
  }

  @Test
  void rejectsANonPositiveSize() {
    assertThatThrownBy(() -> new CachingApiKeyStore(backend, clock, Duration.ofSeconds(1), 0))
        .hasMessage("maxEntries: 0 (expected: > 0)");
  }

  private static ApiKeyRecord record(String id, int hash, boolean disabled) {
    return new ApiKeyRecord(id, id, hash(hash), Set.of(Scope.COMPLETE), Set.of(), Optional.empty(), disabled, NOW);
  }

  private static byte[] hash(int n) {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) n);
    return bytes;
  }
}
