package dev.llmgateway.server.edge;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.grpc.ServerInterceptor;
import java.util.List;

/** Declares the edge interceptors in the order a call meets them. */
public final class EdgeModule extends AbstractModule {

  /**
   * Returns the interceptors, outermost first: the request id comes first so every later stage (and
   * every log line and error) can name the call; the last-chance error boundary sits innermost,
   * right around the service methods.
   */
  @Provides
  @Singleton
  List<ServerInterceptor> interceptorsOutermostFirst(
      RequestIdInterceptor requestId, UnexpectedErrorInterceptor unexpectedErrors) {
    return List.of(requestId, unexpectedErrors);
  }
}
