package dev.llmgateway.server.providers;

import dev.llmgateway.server.errors.GatewayException;

/** Receives the single outcome of a non-streaming upstream call: exactly one method is called, once. */
public interface ResultSink<T> {
  /** Delivers the result. */
  void onSuccess(T result);

  /** Delivers the failure, already classified. */
  void onError(GatewayException error);

  /** Returns a sink that converts results with {@code convert} before handing them to {@code target}. */
  static <A, B> ResultSink<A> converting(ResultSink<B> target, java.util.function.Function<A, B> convert) {
    return new ResultSink<>() {
      @Override
      public void onSuccess(A result) {
        target.onSuccess(convert.apply(result));
      }

      @Override
      public void onError(GatewayException error) {
        target.onError(error);
      }
    };
  }
}
