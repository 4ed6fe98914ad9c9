package dev.llmgateway.server.auth;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.store.ApiKeyRecord;
import dev.llmgateway.server.store.ApiKeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decorates an {@link ApiKeyStore} with a small cache of {@link #findByHash} answers, keyed by the hash in
 * hex: found and not found alike, each for at most {@code ttl}, so a key disabled or created through any
 * replica takes effect here within {@code ttl}. At most {@code maxEntries} answers are kept, the oldest
 * evicted first. A failed lookup is never cached and never answered from an older entry. {@link #put} and
 * {@link #delete} forget what they change at once, and {@link #forget} what another replica changed; the
 * other methods go straight to the store. Thread-safe.
 */
public final class CachingApiKeyStore implements ApiKeyStore {
  private final ApiKeyStore delegate;
  private final Clock clock;
  private final long ttlMillis;
  private final Object lock = new Object();
  // Insertion order is age order: an answer is removed before it is stored again.
  private final LinkedHashMap<String, Answer> answers;
  // Bumped by every put, so a lookup that raced with it does not store what the put replaced.
  private long generation;

  public CachingApiKeyStore(ApiKeyStore delegate, Clock clock, Duration ttl, int maxEntries) {
    this.delegate = requireNonNull(delegate, "delegate");
    this.clock = requireNonNull(clock, "clock");
    requireNonNull(ttl, "ttl");
    if (ttl.isNegative()) {
      throw new IllegalArgumentException("ttl: " + ttl + " (expected: >= 0)");
    }
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries: " + maxEntries + " (expected: > 0)");
    }
    this.ttlMillis = ttl.toMillis();
    this.answers = new LinkedHashMap<>(16, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Answer> eldest) {
        return size() > maxEntries;
      }
    };
  }

  @Override
  public Optional<ApiKeyRecord> findByHash(byte[] keyHash) {
    String hex = HexFormat.of().formatHex(requireNonNull(keyHash, "keyHash"));
    long now = clock.millis();
    long seenGeneration;
    synchronized (lock) {
      Answer cached = answers.get(hex);
      if (cached != null && cached.freshAt(now, ttlMillis)) {
        return cached.record();
      }
      seenGeneration = generation;
    }
    // Outside the lock: a store round trip must not hold up lookups of other keys.
    Optional<ApiKeyRecord> found = delegate.findByHash(keyHash);
    synchronized (lock) {
      if (generation == seenGeneration) {
        answers.remove(hex);
        answers.put(hex, new Answer(found, now));
      }
    }
    return found;
  }

  @Override
  public void put(ApiKeyRecord record) {
    requireNonNull(record, "record");
    try {
      delegate.put(record);
    } finally {
      // Even a failed put may have taken effect.
      forget(record);
    }
  }

  @Override
  public boolean delete(String id) {
    requireNonNull(id, "id");
    try {
      return delegate.delete(id);
    } finally {
      forget(id);
    }
  }

  /**
   * Drops every cached answer about the key {@code id} (all answers when {@code id} is empty), for a change
   * made through another replica.
   */
  public void forget(String id) {
    synchronized (lock) {
      generation++;
      if (id.isEmpty()) {
        answers.clear();
      } else {
        // A created key may have been cached as not found under its hash, which the message does not carry.
        answers.values().removeIf(a -> a.record().map(r -> r.id().equals(id)).orElse(true));
      }
    }
  }

  @Override
  public Optional<ApiKeyRecord> get(String id) {
    return delegate.get(id);
  }

  @Override
  public List<ApiKeyRecord> list() {
    return delegate.list();
  }

  @Override
  public boolean isEmpty() {
    return delegate.isEmpty();
  }

  /** Returns how many answers are cached. */
  int size() {
    synchronized (lock) {
      return answers.size();
    }
  }

  private void forget(ApiKeyRecord record) {
    String hex = record.keyHashHex();
    synchronized (lock) {
      generation++;
      // Rare (start-up and admin changes), so a scan of at most maxEntries answers is fine.
      answers.entrySet().removeIf(e -> e.getKey().equals(hex)
          || e.getValue().record().map(r -> r.id().equals(record.id())).orElse(false));
    }
  }

  /** A cached lookup result and when it was looked up. */
  private record Answer(Optional<ApiKeyRecord> record, long lookedUpAtMillis) {
    boolean freshAt(long nowMillis, long ttlMillis) {
      // A clock that went back makes an answer stale rather than immortal.
      return nowMillis >= lookedUpAtMillis && nowMillis - lookedUpAtMillis < ttlMillis;
    }
  }
}
