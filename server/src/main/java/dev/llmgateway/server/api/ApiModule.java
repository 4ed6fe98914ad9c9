package dev.llmgateway.server.api;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.llmgateway.server.admin.AdminServices;
import dev.llmgateway.server.lifecycle.Managed;
import dev.llmgateway.server.tokens.TokenCounter;
import io.grpc.BindableService;
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
    return List.of(gateway, admin.service());
  }
}
