package dev.llmgateway.server.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ResultSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** Collects the outcome of a call for the test to wait on; fails the test on a second callback. */
final class FutureSink<T> implements ResultSink<T> {
  private final CompletableFuture<T> result = new CompletableFuture<>();
  private final AtomicInteger calls = new AtomicInteger();

  @Override
  public void onSuccess(T value) {
    calls.incrementAndGet();
    result.complete(value);
  }

  @Override
  public void onError(GatewayException error) {
    calls.incrementAndGet();
    result.completeExceptionally(error);
  }

  /** Waits for the result; fails when the call ended with an error. */
  T await() throws InterruptedException, ExecutionException, TimeoutException {
    T value = result.get(10, TimeUnit.SECONDS);
    assertThat(calls.get()).isEqualTo(1);
    return value;
  }

  /** Waits for the error; fails when the call succeeded. */
  GatewayException awaitError() throws InterruptedException, TimeoutException {
    try {
      T value = result.get(10, TimeUnit.SECONDS);
      throw new AssertionError("expected an error, got " + value);
    } catch (ExecutionException e) {
      assertThat(calls.get()).isEqualTo(1);
      return (GatewayException) e.getCause();
    }
  }
}
