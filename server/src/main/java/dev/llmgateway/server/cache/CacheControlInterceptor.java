package dev.llmgateway.server.cache;

import dev.llmgateway.server.edge.GatewayHeaders;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * Puts the caller's {@code x-cache-control} header in the {@link Context}, where the cache decision reads
 * it; parsing (and rejecting a bad value) happens there, inside the call's error handling.
 */
public final class CacheControlInterceptor implements ServerInterceptor {
  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(ServerCall<ReqT, RespT> call, Metadata headers,
      ServerCallHandler<ReqT, RespT> next) {
    String value = headers.get(GatewayHeaders.X_CACHE_CONTROL);
    if (value == null) {
      return next.startCall(call, headers);
    }
    return Contexts.interceptCall(Context.current().withValue(CacheControl.HEADER, value), call, headers, next);
  }
}
