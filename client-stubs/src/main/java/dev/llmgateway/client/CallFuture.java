package dev.llmgateway.client;

import io.grpc.ClientCall;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import javax.annotation.Nullable;

/**
 * The future of a unary call: cancelling it cancels the call. Futures derived from it
 * ({@code thenApply}, ...) do not propagate their own cancellation back here.
 */
final class CallFuture<T> extends CompletableFuture<T> {
  private final ClientCall<?, T> call;

  CallFuture(ClientCall<?, T> call) {
    this.call = call;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      call.cancel("the caller cancelled the future", null);
    }
    return cancelled;
  }

  /** Returns the observer that completes this future from the call's response or status. */
  StreamObserver<T> observer() {
    return new StreamObserver<>() {
      @Nullable private T value;

      @Override
      public void onNext(T response) {
        value = response;
      }

      @Override
      public void onError(Throwable t) {
        completeExceptionally(GatewayClientException.from(t));
      }

      @Override
      public void onCompleted() {
        if (value == null) {
          completeExceptionally(GatewayClientException.from(Status.INTERNAL
              .withDescription("the gateway ended the call without a response").asRuntimeException()));
        } else {
          complete(value);
        }
      }
    };
  }
}
