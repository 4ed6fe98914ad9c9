package dev.llmgateway.server.telemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.SdkMeterProviderBuilder;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;

/** Builds the OpenTelemetry SDK a configuration describes. */
final class TelemetrySdk {
  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  private static final Duration METRIC_EXPORT_INTERVAL = Duration.ofSeconds(60);

  private TelemetrySdk() {}

  /**
   * Returns a new SDK: spans batched to OTLP and metrics pushed to OTLP every minute when an endpoint
   * is set, metrics read by {@code prometheus} when its port is set, and W3C trace context only (no
   * baggage, so nothing a caller put in baggage travels on to providers). Without an OTLP endpoint
   * no span is recorded at all (the SDK hands out non-recording spans), but a caller's trace context
   * still passes through to providers. Starts the exporters' worker threads but opens no socket.
   */
  static OpenTelemetrySdk build(TelemetryConfig config, PrometheusEndpoint prometheus) {
    Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, config.serviceName())));
    SdkTracerProviderBuilder tracing = SdkTracerProvider.builder()
        .setResource(resource)
        .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(config.samplingRatio())));
    SdkMeterProviderBuilder metrics = SdkMeterProvider.builder().setResource(resource);
    config.otlpEndpoint().ifPresent(endpoint -> {
      tracing.addSpanProcessor(BatchSpanProcessor.builder(
          OtlpGrpcSpanExporter.builder().setEndpoint(endpoint).build()).build());
      metrics.registerMetricReader(PeriodicMetricReader.builder(
          OtlpGrpcMetricExporter.builder().setEndpoint(endpoint).build()).setInterval(METRIC_EXPORT_INTERVAL).build());
    });
    if (config.prometheusEnabled()) {
      metrics.registerMetricReader(prometheus);
    }
    return OpenTelemetrySdk.builder()
        .setTracerProvider(tracing.build())
        .setMeterProvider(metrics.build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
  }
}
