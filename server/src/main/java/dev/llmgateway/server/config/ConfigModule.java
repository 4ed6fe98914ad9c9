package dev.llmgateway.server.config;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;

/** Binds the already-loaded configuration, and its parts, as instances. */
public final class ConfigModule extends AbstractModule {
  private final GatewayConfig config;

  public ConfigModule(GatewayConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(GatewayConfig.class).toInstance(config);
    bind(ServerConfig.class).toInstance(config.server());
    bind(HttpClientConfig.class).toInstance(config.http());
  }
}
