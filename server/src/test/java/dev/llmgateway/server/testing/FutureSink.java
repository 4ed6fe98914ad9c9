package dev.llmgateway.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ResultSink;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Captures a unary upstream call's outcome for adapter tests, and counts the terminal callbacks so a test
 * proves there was exactly one. Waits are bounded (10 seconds).
 */
public final class FutureSink<T> implements ResultSink<T> {
  private static final long WAIT_SECONDS = 10;

  private final CompletableFuture<T> result = new CompletableFuture<>();
  private final AtomicInteger outcomes = new AtomicInteger();

  @Override
  public void onSuccess(T value) {
    outcomes.incrementAndGet();
    result.complete(value);
  }

  @Override
  public void onError(GatewayException error) {
    outcomes.incrementAndGet();
    result.completeExceptionally(error);
  }

  /** Waits for the result; fails when the call ended with an error or reported more than once. */
  public T value() throws InterruptedException, TimeoutException {
    try {
      T value = result.get(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(outcomes).hasValue(1);
      return value;
    } catch (ExecutionException e) {
      throw new AssertionError("expected a result, got " + e.getCause(), e.getCause());
    }
  }

  /** Waits for the error; fails when the call succeeded or reported more than once. */
  public GatewayException error() throws InterruptedException, TimeoutException {
    try {
      T value = result.get(WAIT_SECONDS, TimeUnit.SECONDS);
      throw new AssertionError("expected an error, got " + value);
    } catch (ExecutionException e) {
      assertThat(outcomes).hasValue(1);
      assertThat(e.getCause()).isInstanceOf(GatewayException.class);
      return (GatewayException) e.getCause();
    }
  }

  /** Returns how many terminal callbacks arrived so far. */
  public int outcomes() {
    return outcomes.get();
  }

  /** Returns whether an outcome has arrived. */
  public boolean isDone() {
    return result.isDone();
  }
}
