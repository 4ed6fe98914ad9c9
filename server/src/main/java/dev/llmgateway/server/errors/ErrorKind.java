package dev.llmgateway.server.errors;

/**
 * The closed set of ways a gateway call can fail. Each kind has one canonical gRPC code (applied by
 * {@link StatusMapper}) and says whether trying again, later or elsewhere, may succeed.
 */
public enum ErrorKind {
  /** The caller's request is malformed or was rejected by the provider as invalid. */
  INVALID_REQUEST(false),
  /** The prompt does not fit the model's context window; a larger model may take it. */
  CONTEXT_WINDOW_EXCEEDED(false),
  /** The provider's content policy refused the prompt. */
  CONTENT_FILTERED(false),
  /** No or an unknown API key. */
  UNAUTHENTICATED(false),
  /** A valid key without the right to this call. */
  PERMISSION_DENIED(false),
  /** The requested model or alias is not in the catalogue. */
  MODEL_NOT_FOUND(false),
  /** An admin resource (API key, provider, catalogue entry) that does not exist. */
  NOT_FOUND(false),
  /** An admin create naming a resource that already exists. */
  ALREADY_EXISTS(false),
  /**
   * An admin change the gateway's state does not allow as asked: changing what the configuration file owns, or
   * a configuration file that does not validate.
   */
  FAILED_PRECONDITION(false),
  /** The caller used up one of its own gateway quotas. */
  QUOTA_EXCEEDED(false),
  /**
   * A store the gateway itself depends on (API keys, quotas) could not answer, so the call could not be
   * checked; never a reason to let an unauthenticated call through. Retry shortly.
   */
  STORE_UNAVAILABLE(true),
  /** The provider throttled the gateway (HTTP 429). */
  PROVIDER_RATE_LIMITED(true),
  /** The provider failed or could not be reached (5xx, connection errors, an open circuit). */
  PROVIDER_UNAVAILABLE(true),
  /** The provider did not answer within the configured upstream timeout. */
  PROVIDER_TIMEOUT(true),
  /** The provider answered with something that does not follow its own wire format. */
  PROVIDER_PROTOCOL_ERROR(false),
  /** The provider rejected the gateway's own credentials or account (HTTP 401, 402, 403; a 429 for exhausted billing quota). */
  PROVIDER_MISCONFIGURED(false),
  /** The caller's deadline passed. */
  DEADLINE_EXCEEDED(false),
  /** The caller cancelled. */
  CANCELLED(false),
  /** A bug or anything unexpected. */
  INTERNAL(false);

  private final boolean retryable;

  ErrorKind(boolean retryable) {
    this.retryable = retryable;
  }

  /** Returns whether the same request may succeed if tried again later or on another deployment. */
  public boolean retryable() {
    return retryable;
  }
}
