package dev.llmgateway.server.providers;

import dev.llmgateway.server.errors.GatewayException;

/** Receives the single outcome of a non-streaming upstream call: exactly one method is called, once. */
public interface ResultSink<T> {
  /** Delivers the result. */
  void onSuccess(T result);

  /** Delivers the failure, already classified. */
  void onError(GatewayException error);
}
