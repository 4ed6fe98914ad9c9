package dev.llmgateway.server.api;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.grpc.BindableService;
import java.util.List;

/** Provides the gRPC services the server exposes behind the edge interceptors. */
public final class ApiModule extends AbstractModule {

  @Provides
  @Singleton
  List<BindableService> services(GatewayServiceImpl gateway) {
    return List.of(gateway);
  }
}
