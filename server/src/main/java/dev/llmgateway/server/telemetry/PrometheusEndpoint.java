package dev.llmgateway.server.telemetry;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.exporter.prometheus.PrometheusHttpServer;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.MemoryMode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.export.CollectionRegistration;
import io.opentelemetry.sdk.metrics.export.MetricReader;
import java.io.UncheckedIOException;
import javax.annotation.Nullable;

/**
 * The Prometheus scrape endpoint as a metric reader. The meter provider registers it when the SDK is
 * built, but the HTTP server (which binds its port as soon as it is built) only starts in
 * {@link #start()}, so building the SDK stays free of I/O. Until then, and when the port is 0,
 * nothing listens. Thread-safe.
 */
final class PrometheusEndpoint implements MetricReader {
  private final String host;
  private final int port;
  private volatile CollectionRegistration registration = CollectionRegistration.noop();
  @Nullable private PrometheusHttpServer server;
  private boolean shutDown;

  PrometheusEndpoint(String host, int port) {
    this.host = requireNonNull(host, "host");
    this.port = port;
  }

  /**
   * Starts serving {@code /metrics} on the configured address; does nothing when the port is 0 or it
   * already runs.
   *
   * @throws IllegalStateException when the port cannot be bound
   */
  synchronized void start() {
    if (port == 0 || server != null || shutDown) {
      return;
    }
    PrometheusHttpServer started;
    try {
      started = PrometheusHttpServer.builder()
          .setHost(host)
          .setPort(port)
          // Collections hand back fresh data, as the SDK collects for this reader's memory mode.
          .setMemoryMode(MemoryMode.IMMUTABLE_DATA)
          .build();
    } catch (UncheckedIOException e) {
      throw new IllegalStateException("cannot serve Prometheus metrics on " + host + ":" + port, e);
    }
    started.register(registration);
    server = started;
  }

  @Override
  public void register(CollectionRegistration registration) {
    this.registration = requireNonNull(registration, "registration");
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    // Prometheus only understands cumulative counters and histograms.
    return AggregationTemporality.CUMULATIVE;
  }

  @Override
  public CompletableResultCode forceFlush() {
    return CompletableResultCode.ofSuccess();
  }

  /** Stops the HTTP server, if it runs; it cannot be started again. */
  @Override
  public synchronized CompletableResultCode shutdown() {
    shutDown = true;
    PrometheusHttpServer running = server;
    server = null;
    return running == null ? CompletableResultCode.ofSuccess() : running.shutdown();
  }

  @Override
  public String toString() {
    return "PrometheusEndpoint{" + host + ":" + port + "}";
  }
}
