package dev.llmgateway.server.telemetry;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.lifecycle.Managed;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts and stops what telemetry runs beside the server: the Prometheus scrape endpoint, and on
 * close the SDK itself, which flushes the spans and metrics still buffered. Thread-safe; both
 * methods are idempotent.
 */
@Singleton
public final class TelemetryLifecycle implements Managed {
  private static final Logger logger = Logger.getLogger(TelemetryLifecycle.class.getName());
  private static final long FLUSH_TIMEOUT_SECONDS = 10;

  private final OpenTelemetry openTelemetry;
  private final PrometheusEndpoint prometheus;
  private boolean closed;

  @Inject
  TelemetryLifecycle(OpenTelemetry openTelemetry, PrometheusEndpoint prometheus) {
    this.openTelemetry = openTelemetry;
    this.prometheus = prometheus;
  }

  /**
   * Starts the scrape endpoint when a port is configured.
   *
   * @throws IllegalStateException when its port cannot be bound
   */
  @Override
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException("telemetry was already closed");
    }
    prometheus.start();
  }

  /** Stops the scrape endpoint, then flushes and shuts down the SDK, waiting up to 10 seconds. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    prometheus.shutdown().join(FLUSH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    // An SDK bound by an override (tests) is closed here too: it is the only one there is.
    if (openTelemetry instanceof OpenTelemetrySdk sdk
        && !sdk.shutdown().join(FLUSH_TIMEOUT_SECONDS, TimeUnit.SECONDS).isSuccess()) {
      logger.log(Level.WARNING, "telemetry did not flush within " + FLUSH_TIMEOUT_SECONDS + "s; some spans or metrics are lost");
    }
  }
}
