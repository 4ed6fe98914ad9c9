package dev.llmgateway.server.testing;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;

/**
 * An OpenTelemetry SDK that keeps every span and metric in memory, for assertions. Use it as an
 * override of the production {@code OpenTelemetry} binding:
 * {@code Modules.override(new TelemetryModule(config)).with(telemetry)}. Spans are exported as they
 * end; every span is sampled; W3C trace context is propagated, as in production.
 */
public final class InMemoryTelemetry extends AbstractModule implements AutoCloseable {
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
      .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
      .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
      .build();

  @Provides
  @Singleton
  OpenTelemetry openTelemetry() {
    return sdk;
  }

  /** Returns the SDK, for tests that build the instrumented classes themselves. */
  public OpenTelemetrySdk sdk() {
    return sdk;
  }

  /** Returns the spans ended so far, in the order they ended. */
  public List<SpanData> spans() {
    return spans.getFinishedSpanItems();
  }

  /** Returns the metric reader, to collect what was recorded so far. */
  public InMemoryMetricReader metrics() {
    return metrics;
  }

  @Override
  public void close() {
    sdk.close();
  }
}
