package dev.llmgateway.server.store;

import static java.util.Objects.requireNonNull;

/**
 * Signals that a store's backend could not answer (connection refused or lost, timeout, a server that
 * refuses writes). The operation may or may not have taken effect. The message names the operation
 * only; the backend's own error is kept as the cause, for the log.
 */
public final class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String operation, Throwable cause) {
    super("store unavailable: " + requireNonNull(operation, "operation"), requireNonNull(cause, "cause"));
  }
}
