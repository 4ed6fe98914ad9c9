package dev.llmgateway.server.auth;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.store.Scope;
import dev.llmgateway.server.store.StoreUnavailableException;
import java.time.Instant;
import java.util.Locale;

/**
 * Builds the errors a refused call ends with. UNAUTHENTICATED ones carry the ErrorInfo metadata
 * {@value #CAUSE} ({@code missing}, {@code malformed}, {@code unknown}, {@code disabled} or
 * {@code expired}) so clients can tell a typo from a revoked key; no message ever holds a key.
 */
public final class AuthFailures {
  /** The ErrorInfo metadata key saying why a key was refused. */
  public static final String CAUSE = "cause";
  /** The ErrorInfo metadata key naming the refused key's public id, once the key is known. */
  public static final String KEY_ID = "key_id";
  /** The ErrorInfo metadata key naming the scope a call lacked. */
  public static final String SCOPE = "scope";

  private AuthFailures() {}

  /** Returns the error for a call that presented no key. */
  public static GatewayException missing() {
    return unauthenticated("missing", "missing API key (expected: header 'authorization: Bearer <key>' or 'x-api-key: <key>')")
        .build();
  }

  /** Returns the error for key headers that cannot be read; {@code what} names the problem, never the value. */
  public static GatewayException malformed(String what) {
    return unauthenticated("malformed", "malformed API key header: " + what).build();
  }

  /** Returns the error for a key the store does not know. */
  public static GatewayException unknown() {
    return unauthenticated("unknown", "invalid API key").build();
  }

  /** Returns the error for a key that is switched off. */
  public static GatewayException disabled(String keyId) {
    return unauthenticated("disabled", "API key '" + keyId + "' is disabled").metadata(KEY_ID, keyId).build();
  }

  /** Returns the error for a key past its expiry. */
  public static GatewayException expired(String keyId, Instant expiredAt) {
    return unauthenticated("expired", "API key '" + keyId + "' expired at " + expiredAt).metadata(KEY_ID, keyId)
        .build();
  }

  /** Returns the error for a valid key without the scope {@code method} needs. */
  public static GatewayException lacksScope(String keyId, Scope scope, String method) {
    String name = scope.name().toLowerCase(Locale.ROOT);
    return GatewayException.builder(ErrorKind.PERMISSION_DENIED,
            "API key '" + keyId + "' lacks scope '" + name + "', needed for " + method)
        .metadata(KEY_ID, keyId).metadata(SCOPE, name).build();
  }

  /** Returns the error for a method no scope grants. */
  public static GatewayException noScopeFor(String keyId, String method) {
    return GatewayException.builder(ErrorKind.PERMISSION_DENIED, "no API key may call " + method)
        .metadata(KEY_ID, keyId).build();
  }

  /** Returns the error for a key check the store could not answer; the call is refused, never let through. */
  public static GatewayException storeUnavailable(StoreUnavailableException cause) {
    return GatewayException.builder(ErrorKind.STORE_UNAVAILABLE, "API keys cannot be checked right now; try again")
        .cause(cause).build();
  }

  private static GatewayException.Builder unauthenticated(String cause, String message) {
    return GatewayException.builder(ErrorKind.UNAUTHENTICATED, message).metadata(CAUSE, cause);
  }
}
