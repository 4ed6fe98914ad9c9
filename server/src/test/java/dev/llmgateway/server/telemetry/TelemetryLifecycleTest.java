package dev.llmgateway.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Prometheus scrape endpoint, started and stopped by {@link TelemetryLifecycle}. */
class TelemetryLifecycleTest {
  private final OkHttpClient http = new OkHttpClient();
  private TelemetryLifecycle lifecycle;

  @AfterEach
  void stop() {
    if (lifecycle != null) {
      lifecycle.close();
    }
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @Test
  void servesRecordedCallMetricsInPrometheusTextFormat() throws IOException {
    int port = freePort();
    Injector injector = Guice.createInjector(new TelemetryModule(TelemetryConfig.defaults().withPrometheus("127.0.0.1", port)));
    lifecycle = injector.getInstance(TelemetryLifecycle.class);
    injector.getInstance(CallMetrics.class).record(CallOutcome.builder("req-1", "Complete").model("demo-chat")
        .provider("demo").keyId("team-a").durationNanos(5_000_000).upstreamNanos(4_000_000).tokens(3, 7, 0).build());
    lifecycle.start();

    try (Response response = http.newCall(new Request.Builder().url("http://127.0.0.1:" + port + "/metrics").build())
        .execute()) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.header("Content-Type")).startsWith("text/plain");
      String body = response.body().string();
      assertThat(body).contains("# TYPE gateway_requests_total counter");
      assertThat(body).containsPattern("gateway_requests_total\\{[^}]*rpc_method=\"Complete\"[^}]*} 1");
      assertThat(body).containsPattern("gateway_tokens_total\\{[^}]*gen_ai_token_type=\"output\"[^}]*} 7");
      assertThat(body).contains("gateway_request_duration_seconds_bucket");
    }
  }

  @Test
  void closeStopsTheEndpoint() throws IOException {
    int port = freePort();
    lifecycle = Guice.createInjector(new TelemetryModule(TelemetryConfig.defaults().withPrometheus("127.0.0.1", port)))
        .getInstance(TelemetryLifecycle.class);
    lifecycle.start();
    lifecycle.close();

    assertThatThrownBy(() -> http.newCall(new Request.Builder().url("http://127.0.0.1:" + port + "/metrics").build())
        .execute().close()).isInstanceOf(ConnectException.class);
  }

  @Test
  void portZeroServesNothingAndBindsNothing() {
    lifecycle = Guice.createInjector(new TelemetryModule(TelemetryConfig.defaults().withPrometheus("127.0.0.1", 0)))
        .getInstance(TelemetryLifecycle.class);

    lifecycle.start();
    lifecycle.close();
    lifecycle.close();
  }

  @Test
  void reportsAPortThatCannotBeBound() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      lifecycle = Guice.createInjector(new TelemetryModule(
          TelemetryConfig.defaults().withPrometheus("127.0.0.1", taken.getLocalPort()))).getInstance(TelemetryLifecycle.class);

      assertThatThrownBy(lifecycle::start).isInstanceOf(IllegalStateException.class)
          .hasMessage("cannot serve Prometheus metrics on 127.0.0.1:" + taken.getLocalPort());
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
