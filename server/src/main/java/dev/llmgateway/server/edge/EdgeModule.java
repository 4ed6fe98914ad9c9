package dev.llmgateway.server.edge;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.grpc.ServerInterceptor;
import java.util.List;

/** Declares the edge interceptors in the order a call meets them. */
public final class EdgeModule extends AbstractModule {

  /**
   * Returns the interceptors, outermost first:
   * <ol>
   *   <li>request id, so every later stage (and every log line, span and error) can name the call;
   *   <li>tracing, so rejected calls get spans too and later stages can annotate the call's span;
   *   <li>the last-chance error boundary, so the span sees the mapped INTERNAL status rather than a raw
   *       exception, and so a bug in a later stage (or a corrupt stored key) ends as INTERNAL, not UNKNOWN;
   *   <li>authentication, before every stage that needs to know the caller (quotas, the services); it
   *       rejects by closing the call itself, so its refusals never pass through the boundary.
   * </ol>
   */
  @Provides
  @Singleton
  List<ServerInterceptor> interceptorsOutermostFirst(RequestIdInterceptor requestId, TracingInterceptor tracing,
      UnexpectedErrorInterceptor unexpectedErrors, AuthInterceptor auth) {
    return List.of(requestId, tracing, unexpectedErrors, auth);
  }
}
