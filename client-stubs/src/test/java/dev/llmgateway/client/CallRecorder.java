package dev.llmgateway.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records, below the client, the headers each call sends and the status each call ends with. */
final class CallRecorder implements ClientInterceptor {
  private final BlockingQueue<Metadata> headers = new LinkedBlockingQueue<>();
  private final BlockingQueue<Status> statuses = new LinkedBlockingQueue<>();

  @Override
  public <ReqT, RespT> ClientCall<ReqT, RespT> interceptCall(
      MethodDescriptor<ReqT, RespT> method, CallOptions callOptions, Channel next) {
    return new SimpleForwardingClientCall<>(next.newCall(method, callOptions)) {
      @Override
      public void start(Listener<RespT> listener, Metadata sent) {
        headers.add(sent);
        super.start(new SimpleForwardingClientCallListener<>(listener) {
          @Override
          public void onClose(Status status, Metadata trailers) {
            statuses.add(status);
            super.onClose(status, trailers);
          }
        }, sent);
      }
    };
  }

  /** Returns the headers of the next call started, waiting up to 5 s. */
  Metadata nextHeaders() throws InterruptedException {
    Metadata sent = headers.poll(5, TimeUnit.SECONDS);
    if (sent == null) {
      throw new AssertionError("no call started within 5s");
    }
    return sent;
  }

  /** Returns the status of the next call to end, waiting up to {@code seconds}. */
  Status nextStatus(long seconds) throws InterruptedException {
    Status status = statuses.poll(seconds, TimeUnit.SECONDS);
    if (status == null) {
      throw new AssertionError("no call ended within " + seconds + "s");
    }
    return status;
  }
}
