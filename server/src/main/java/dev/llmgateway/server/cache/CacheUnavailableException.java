package dev.llmgateway.server.cache;

/** The cache's backend could not answer; callers skip the cache and serve the call from the provider. */
public final class CacheUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates one naming the failed {@code operation}. */
  public CacheUnavailableException(String operation, Throwable cause) {
    super("response cache unavailable: " + operation, cause);
  }
}
