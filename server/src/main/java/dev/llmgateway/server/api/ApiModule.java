package dev.llmgateway.server.api;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.llmgateway.server.admin.AdminServices;
import dev.llmgateway.server.cache.CacheControlInterceptor;
import dev.llmgateway.server.lifecycle.Managed;
import dev.llmgateway.server.tokens.TokenCounter;
import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import java.util.List;

/** Provides the gRPC services the server exposes behind the edge interceptors, and their helpers. */
public final class ApiModule extends AbstractModule {

  @Override
  protected void configure() {
    Multibinder.newSetBinder(binder(), Managed.class).addBinding().to(TokenCounter.class);
  }

  @Provides
  @Singleton
  List<BindableService> services(GatewayServiceImpl gateway, AdminServices admin) {
    // Only the data plane reads the response cache's per-call directives.
    BindableService data = () -> ServerInterceptors.intercept(gateway, new CacheControlInterceptor());
    return List.of(data, admin.service());
  }
}
