package dev.llmgateway.server.edge;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives every call a request id (the caller's {@code x-request-id} when it is 1 to 128 characters of
 * {@code [A-Za-z0-9._:-]}, else a random 128-bit hex id), puts it in the {@link Context}, and echoes
 * it in the response headers (or, for a call that fails before responding, its trailers) so callers
 * and logs can be correlated. Calls on one ServerCall are serialised by gRPC, so the flag needs no lock.
 */
public final class RequestIdInterceptor implements ServerInterceptor {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    String given = headers.get(GatewayHeaders.X_REQUEST_ID);
    String requestId = isWellFormed(given) ? given : newId();
    ResponseMetadata extra = new ResponseMetadata();
    ServerCall<ReqT, RespT> echoing = new SimpleForwardingServerCall<>(call) {
      private boolean headersSent;

      @Override
      public void sendHeaders(Metadata responseHeaders) {
        headersSent = true;
        responseHeaders.put(GatewayHeaders.X_REQUEST_ID, requestId);
        extra.mergeHeadersInto(responseHeaders);
        super.sendHeaders(responseHeaders);
      }

      @Override
      public void close(Status status, Metadata trailers) {
        // A call that fails before any response has no headers (trailers-only): echo the id there.
        if (!headersSent) {
          trailers.put(GatewayHeaders.X_REQUEST_ID, requestId);
          extra.mergeHeadersInto(trailers);
        }
        extra.mergeTrailersInto(trailers);
        super.close(status, trailers);
      }
    };
    Context context = Context.current().withValues(RequestContext.REQUEST_ID, requestId,
        RequestContext.RESPONSE_METADATA, extra);
    return Contexts.interceptCall(context, echoing, headers, next);
  }

  private static boolean isWellFormed(String id) {
    if (id == null || id.isEmpty() || id.length() > 128) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == ':' || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String newId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    char[] out = new char[32];
    long hi = random.nextLong();
    long lo = random.nextLong();
    for (int i = 0; i < 16; i++) {
      out[i] = HEX[(int) (hi >>> (60 - 4 * i)) & 0xf];
      out[16 + i] = HEX[(int) (lo >>> (60 - 4 * i)) & 0xf];
    }
    return new String(out);
  }
}
