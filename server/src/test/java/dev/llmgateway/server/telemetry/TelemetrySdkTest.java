package dev.llmgateway.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Headers;
import okhttp3.Protocol;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** The SDK a configuration builds: OTLP export, sampling and propagation. */
class TelemetrySdkTest {
  @StartStop public final MockWebServer collector = collector();

  private static MockWebServer collector() {
    MockWebServer server = new MockWebServer();
    // OTLP/gRPC is HTTP/2 without TLS.
    server.setProtocols(List.of(Protocol.H2_PRIOR_KNOWLEDGE));
    return server;
  }

  @Test
  void exportsSpansThroughOtlpWhenAnEndpointIsSet() throws InterruptedException {
    // An empty ExportTraceServiceResponse: one uncompressed, zero-length gRPC message.
    collector.enqueue(new MockResponse.Builder().setHeader("content-type", "application/grpc")
        .body(new Buffer().write(new byte[5])).trailers(Headers.of("grpc-status", "0")).build());
    String endpoint = "http://127.0.0.1:" + collector.getPort();
    OpenTelemetrySdk sdk = TelemetrySdk.build(config().withOtlpEndpoint(Optional.of(endpoint)), endpoint());

    sdk.getTracer("test").spanBuilder("exported").startSpan().end();
    sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);

    RecordedRequest export = collector.takeRequest(10, TimeUnit.SECONDS);
    assertThat(export).isNotNull();
    assertThat(export.getTarget()).isEqualTo("/opentelemetry.proto.collector.trace.v1.TraceService/Export");
    assertThat(export.getHeaders().get("content-type")).isEqualTo("application/grpc");
    assertThat(export.getBody().utf8()).contains("exported").contains("llm-gateway");
    sdk.getSdkTracerProvider().shutdown().join(10, TimeUnit.SECONDS);
    sdk.getSdkMeterProvider().shutdown().join(10, TimeUnit.SECONDS);
  }

  @Test
  void samplesNewTracesAtTheConfiguredRatioAndFollowsTheCallersDecision() {
    try (OpenTelemetrySdk sdk = TelemetrySdk.build(config().withSamplingRatio(0.25), endpoint())) {
      assertThat(sdk.getSdkTracerProvider().getSampler().getDescription())
          .startsWith("ParentBased{root:TraceIdRatioBased{0.250000}");
    }
  }

  @Test
  void withoutAnExporterRecordsNoSpansButStillPassesTheCallersContextOn() {
    SpanContext caller = SpanContext.createFromRemoteParent("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
        TraceFlags.getSampled(), TraceState.getDefault());
    try (OpenTelemetrySdk sdk = TelemetrySdk.build(config(), endpoint())) {
      Span span = sdk.getTracer("test").spanBuilder("call").setParent(Context.root().with(Span.wrap(caller))).startSpan();

      assertThat(span.isRecording()).isFalse();
      assertThat(span.getSpanContext().getTraceId()).isEqualTo(caller.getTraceId());
      span.end();
    }
  }

  @Test
  void propagatesW3cTraceContextOnly() {
    try (OpenTelemetrySdk sdk = TelemetrySdk.build(config(), endpoint())) {
      assertThat(sdk.getPropagators().getTextMapPropagator().fields()).containsExactlyInAnyOrder("traceparent", "tracestate");
    }
  }

  @Test
  void rejectsOutOfRangeSettings() {
    assertThatThrownBy(() -> config().withSamplingRatio(1.5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("samplingRatio: 1.5 (expected: 0 to 1)");
    assertThatThrownBy(() -> config().withPrometheus("0.0.0.0", 70000)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("prometheusPort: 70000 (expected: 0 to 65535)");
  }

  @Test
  void defaultsKeepContentOffAndServePrometheusOnItsUsualPort() {
    TelemetryConfig defaults = TelemetryConfig.defaults();

    assertThat(defaults.recordContent()).isFalse();
    assertThat(defaults.otlpEndpoint()).isEmpty();
    assertThat(defaults.prometheusEnabled()).isTrue();
    assertThat(defaults.prometheusPort()).isEqualTo(9464);
    assertThat(defaults.samplingRatio()).isEqualTo(1.0);
  }

  private static TelemetryConfig config() {
    return TelemetryConfig.defaults().withPrometheus("127.0.0.1", 0);
  }

  private static PrometheusEndpoint endpoint() {
    return new PrometheusEndpoint("127.0.0.1", 0);
  }
}
