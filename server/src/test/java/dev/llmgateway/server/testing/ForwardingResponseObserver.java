package dev.llmgateway.server.testing;

import dev.llmgateway.v1.CompleteRequest;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.concurrent.atomic.AtomicReference;

/** Records responses and hands the test the call handle (to cancel or to request more). */
public class ForwardingResponseObserver<T> implements ClientResponseObserver<CompleteRequest, T> {
  private final RecordingStreamObserver<T> delegate;
  private final AtomicReference<ClientCallStreamObserver<CompleteRequest>> call;

  /** Forwards to {@code delegate} and puts the call's handle in {@code call} when it starts. */
  public ForwardingResponseObserver(RecordingStreamObserver<T> delegate,
      AtomicReference<ClientCallStreamObserver<CompleteRequest>> call) {
    this.delegate = delegate;
    this.call = call;
  }

  @Override
  public void beforeStart(ClientCallStreamObserver<CompleteRequest> requestStream) {
    call.set(requestStream);
  }

  @Override
  public void onNext(T value) {
    delegate.onNext(value);
  }

  @Override
  public void onError(Throwable t) {
    delegate.onError(t);
  }

  @Override
  public void onCompleted() {
    delegate.onCompleted();
  }
}
