package dev.llmgateway.server.edge;

import com.google.inject.Inject;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.errors.StatusMapper;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last-chance boundary: an exception that escapes a service method (a bug) is logged once with the
 * request id and ends the call as INTERNAL with an ErrorInfo, never as UNKNOWN, and never with the
 * exception's message in the status.
 */
public final class UnexpectedErrorInterceptor implements ServerInterceptor {
  private static final Logger logger = Logger.getLogger(UnexpectedErrorInterceptor.class.getName());

  private final StatusMapper statusMapper;

  @Inject
  UnexpectedErrorInterceptor(StatusMapper statusMapper) {
    this.statusMapper = statusMapper;
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    ServerCall.Listener<ReqT> delegate;
    try {
      delegate = next.startCall(call, headers);
    } catch (RuntimeException e) {
      fail(call, e);
      return new ServerCall.Listener<>() { };
    }
    return new SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onMessage(ReqT message) {
        try {
          super.onMessage(message);
        } catch (RuntimeException e) {
          fail(call, e);
        }
      }

      @Override
      public void onHalfClose() {
        try {
          super.onHalfClose();
        } catch (RuntimeException e) {
          fail(call, e);
        }
      }

      @Override
      public void onReady() {
        try {
          super.onReady();
        } catch (RuntimeException e) {
          fail(call, e);
        }
      }
    };
  }

  private <ReqT, RespT> void fail(ServerCall<ReqT, RespT> call, RuntimeException e) {
    String requestId = RequestContext.requestId();
    logger.log(Level.SEVERE, "request " + requestId + ": unexpected failure in " + call.getMethodDescriptor()
        .getFullMethodName(), e);
    StatusRuntimeException status = statusMapper.toStatusException(
        GatewayException.builder(ErrorKind.INTERNAL, "internal error").cause(e).build(), requestId);
    Status s = status.getStatus();
    Metadata trailers = status.getTrailers() != null ? status.getTrailers() : new Metadata();
    try {
      call.close(s, trailers);
    } catch (IllegalStateException alreadyClosed) {
      // The method closed the call before throwing; the caller already has its status.
      logger.log(Level.FINE, "call was already closed", alreadyClosed);
    }
  }
}
