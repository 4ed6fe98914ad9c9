package dev.llmgateway.server.telemetry;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import dev.llmgateway.server.lifecycle.Managed;
import io.opentelemetry.api.OpenTelemetry;

/**
 * Binds the telemetry configuration and the one {@link OpenTelemetry} every other class injects.
 * Building the SDK starts exporter threads but opens no port: the scrape endpoint is started by
 * {@link TelemetryLifecycle}. Tests override the {@code OpenTelemetry} binding with an SDK on
 * in-memory exporters.
 */
public final class TelemetryModule extends AbstractModule {
  private final TelemetryConfig config;

  public TelemetryModule(TelemetryConfig config) {
    this.config = requireNonNull(config, "config");
  }

  @Override
  protected void configure() {
    bind(TelemetryConfig.class).toInstance(config);
    Multibinder<Managed> background = Multibinder.newSetBinder(binder(), Managed.class);
    background.addBinding().to(TelemetryLifecycle.class);
    background.addBinding().to(AccessLog.class);
  }

  @Provides
  @Singleton
  PrometheusEndpoint prometheusEndpoint(TelemetryConfig telemetry) {
    return new PrometheusEndpoint(telemetry.prometheusHost(), telemetry.prometheusPort());
  }

  @Provides
  @Singleton
  OpenTelemetry openTelemetry(TelemetryConfig telemetry, PrometheusEndpoint prometheus) {
    return TelemetrySdk.build(telemetry, prometheus);
  }
}
