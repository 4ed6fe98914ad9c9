package dev.llmgateway.server.auth;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.store.ApiKeyHasher;
import dev.llmgateway.server.store.ApiKeyRecord;
import dev.llmgateway.server.store.Scope;
import dev.llmgateway.server.store.StoreUnavailableException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Checks presented API keys: finds the key's record by its keyed hash, then requires it to be switched on,
 * unexpired at the injected clock's now, and to hold the scope of the method called. Blocks for the store
 * lookup on a cache miss. Thread-safe.
 */
@Singleton
public final class ApiKeyAuthenticator {
  private final CachingApiKeyStore keys;
  private final ApiKeyHasher hasher;
  private final Clock clock;

  @Inject
  ApiKeyAuthenticator(CachingApiKeyStore keys, ApiKeyHasher hasher, Clock clock) {
    this.keys = requireNonNull(keys, "keys");
    this.hasher = requireNonNull(hasher, "hasher");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Returns the record of the active key {@code presentedKey}.
   *
   * @throws GatewayException UNAUTHENTICATED when the key is unknown, disabled or expired;
   *     STORE_UNAVAILABLE when the store cannot answer
   */
  public ApiKeyRecord authenticate(String presentedKey) {
    byte[] hash = hasher.hash(requireNonNull(presentedKey, "presentedKey"));
    Optional<ApiKeyRecord> found;
    try {
      found = keys.findByHash(hash);
    } catch (StoreUnavailableException e) {
      throw AuthFailures.storeUnavailable(e);
    }
    // The lookup went through hash maps (and Redis) by value; this constant-time comparison of the very
    // hash it was found by is what grants access, so a store answering with a wrong record grants nothing.
    // It is ApiKeyHasher.matches without hashing the key a second time. A rotated key's previous secret
    // matches the same way, until its overlap ends.
    Instant now = clock.instant();
    if (found.isEmpty()
        || !(MessageDigest.isEqual(hash, found.get().keyHash()) || found.get().previousKeyWorksAt(hash, now))) {
      throw AuthFailures.unknown();
    }
    ApiKeyRecord record = found.get();
    if (record.disabled()) {
      throw AuthFailures.disabled(record.id());
    }
    if (!record.activeAt(now)) {
      throw AuthFailures.expired(record.id(), record.expiresAt().orElse(now));
    }
    return record;
  }

  /**
   * Returns normally when {@code record}'s key may call {@code fullMethodName}.
   *
   * @throws GatewayException PERMISSION_DENIED naming the scope the key lacks
   */
  public void authorize(ApiKeyRecord record, String fullMethodName) {
    Optional<Scope> needed = MethodScopes.required(fullMethodName);
    if (needed.isEmpty()) {
      throw AuthFailures.noScopeFor(record.id(), fullMethodName);
    }
    if (!record.scopes().contains(needed.get())) {
      throw AuthFailures.lacksScope(record.id(), needed.get(), fullMethodName);
    }
  }
}
