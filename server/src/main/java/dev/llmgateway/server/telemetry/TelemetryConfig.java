package dev.llmgateway.server.telemetry;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Where traces and metrics go and how much is recorded.
 *
 * @param serviceName the {@code service.name} resource attribute every span and metric carries
 * @param otlpEndpoint the OTLP/gRPC collector, e.g. {@code http://otel-collector:4317}; traces and
 *     metrics are exported through OTLP only when it is set
 * @param prometheusHost the address the Prometheus scrape endpoint binds
 * @param prometheusPort the port of the scrape endpoint ({@code /metrics}); 0 turns it off
 * @param recordContent whether prompt and completion text may be put on spans; off by default, since
 *     prompts can hold personal data and traces are usually kept longer and read more widely than
 *     the calls themselves
 * @param samplingRatio the share of new traces recorded, 0 to 1; a caller's sampled flag wins
 */
public record TelemetryConfig(
    String serviceName,
    Optional<String> otlpEndpoint,
    String prometheusHost,
    int prometheusPort,
    boolean recordContent,
    double samplingRatio) {

  /** The port Prometheus exporters conventionally use. */
  public static final int DEFAULT_PROMETHEUS_PORT = 9464;

  public TelemetryConfig {
    requireNonNull(serviceName, "serviceName");
    requireNonNull(otlpEndpoint, "otlpEndpoint");
    requireNonNull(prometheusHost, "prometheusHost");
    if (serviceName.isBlank()) {
      throw new IllegalArgumentException("serviceName: '" + serviceName + "' (expected: not blank)");
    }
    if (prometheusPort < 0 || prometheusPort > 65535) {
      throw new IllegalArgumentException("prometheusPort: " + prometheusPort + " (expected: 0 to 65535)");
    }
    if (!(samplingRatio >= 0 && samplingRatio <= 1)) {
      throw new IllegalArgumentException("samplingRatio: " + samplingRatio + " (expected: 0 to 1)");
    }
  }

  /**
   * Returns the defaults: service {@code llm-gateway}, no OTLP export, Prometheus on
   * {@code 0.0.0.0:9464}, no content, every trace sampled.
   */
  public static TelemetryConfig defaults() {
    return new TelemetryConfig("llm-gateway", Optional.empty(), "0.0.0.0", DEFAULT_PROMETHEUS_PORT, false, 1.0);
  }

  /** Returns whether the Prometheus scrape endpoint is served. */
  public boolean prometheusEnabled() {
    return prometheusPort != 0;
  }

  /** Returns a copy with the scrape endpoint on {@code host:port} (port 0: off). */
  public TelemetryConfig withPrometheus(String host, int port) {
    return new TelemetryConfig(serviceName, otlpEndpoint, host, port, recordContent, samplingRatio);
  }

  /** Returns a copy exporting through OTLP to {@code endpoint}, or not at all when empty. */
  public TelemetryConfig withOtlpEndpoint(Optional<String> endpoint) {
    return new TelemetryConfig(serviceName, endpoint, prometheusHost, prometheusPort, recordContent, samplingRatio);
  }

  /** Returns a copy with content recording switched {@code on} or off. */
  public TelemetryConfig withRecordContent(boolean on) {
    return new TelemetryConfig(serviceName, otlpEndpoint, prometheusHost, prometheusPort, on, samplingRatio);
  }

  /** Returns a copy sampling {@code ratio} of new traces. */
  public TelemetryConfig withSamplingRatio(double ratio) {
    return new TelemetryConfig(serviceName, otlpEndpoint, prometheusHost, prometheusPort, recordContent, ratio);
  }
}
