package dev.llmgateway.server.api;

import static dev.llmgateway.server.api.Requests.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.llmgateway.server.telemetry.GenAiAttributes;
import dev.llmgateway.server.testing.GrpcCleanupExtension;
import dev.llmgateway.server.testing.InMemoryTelemetry;
import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.server.testing.WireFixture;
import dev.llmgateway.v1.CompleteRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tracing of whole calls: a caller's trace continues through the gateway's server span, its routing
 * span and the upstream client span into the provider's request, with GenAI attributes on the server
 * span; and the provider credential never reaches a log line.
 */
class CallTracingTest {
  private static final String PROVIDER_SECRET = "sk-provider-secret-value-0123456789";
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  @RegisterExtension final GrpcCleanupExtension cleanup = new GrpcCleanupExtension();
  @StartStop final MockWebServer upstream = new MockWebServer();
  private final InMemoryTelemetry telemetry = cleanup.register(new InMemoryTelemetry());

  private TestGateway start() {
    return cleanup.register(TestGateway.start("""
        telemetry { otlp-endpoint = "http://127.0.0.1:9" }
        providers { up { type = openai, base-url = "%s", api-key-env = UP_KEY } }
        models { m { provider = up, upstream-model = gpt-4o-mini, capabilities = [chat, streaming] } }
        """.formatted(upstream.url("/v1")), Map.of("UP_KEY", PROVIDER_SECRET), telemetry));
  }

  private static Metadata traceparent() {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER),
        "00-" + TRACE_ID + "-00f067aa0ba902b7-01");
    return headers;
  }

  private static CompleteRequest hello() {
    return CompleteRequest.newBuilder().setModel("m").addMessages(user("hi")).setMaxOutputTokens(20).build();
  }

  @Test
  void theCallersTraceContinuesThroughRoutingAndUpstreamSpansWithGenAiAttributes() throws Exception {
    TestGateway gateway = start();
    upstream.enqueue(WireFixture.load("openai", "chat-completion", "json").toResponse().build());

    gateway.blocking().withDeadlineAfter(10, TimeUnit.SECONDS)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(traceparent())).complete(hello());

    await().atMost(Duration.ofSeconds(5)).until(() -> telemetry.spans().size() >= 3);
    List<SpanData> spans = telemetry.spans();
    SpanData server = spans.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
    SpanData routing = spans.stream().filter(s -> s.getName().equals("route")).findFirst().orElseThrow();
    SpanData client = spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT).findFirst().orElseThrow();
    assertThat(server.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(server.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
    assertThat(routing.getParentSpanId()).isEqualTo(server.getSpanId());
    assertThat(client.getParentSpanId()).isEqualTo(server.getSpanId());
    assertThat(server.getAttributes().get(GenAiAttributes.OPERATION_NAME)).isEqualTo("chat");
    assertThat(server.getAttributes().get(GenAiAttributes.PROVIDER_NAME)).isEqualTo("up");
    assertThat(server.getAttributes().get(GenAiAttributes.REQUEST_MODEL)).isEqualTo("m");
    assertThat(server.getAttributes().get(GenAiAttributes.RESPONSE_MODEL)).isNotEmpty();
    assertThat(server.getAttributes().get(GenAiAttributes.USAGE_INPUT_TOKENS)).isPositive();
    assertThat(server.getAttributes().get(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons")))
        .containsExactly("stop");
    RecordedRequest sent = upstream.takeRequest(5, TimeUnit.SECONDS);
    assertThat(sent.getHeaders().get("traceparent")).startsWith("00-" + TRACE_ID + "-" + client.getSpanId());
  }

  @Test
  void theSpanDescribesTheRequestedModelNotTheFallbacksPreparedAfterIt() throws Exception {
    TestGateway gateway = cleanup.register(TestGateway.start("""
        providers { up { type = openai, base-url = "%s", api-key-env = UP_KEY } }
        models {
          m { provider = up, upstream-model = gpt-4o-mini, capabilities = [chat], fallbacks = [spare] }
          spare { provider = up, upstream-model = gpt-4o, capabilities = [chat] }
        }
        """.formatted(upstream.url("/v1")), Map.of("UP_KEY", PROVIDER_SECRET), telemetry));
    upstream.enqueue(WireFixture.load("openai", "chat-completion", "json").toResponse().build());

    gateway.blocking().withDeadlineAfter(10, TimeUnit.SECONDS).complete(hello());

    await().atMost(Duration.ofSeconds(5))
        .until(() -> telemetry.spans().stream().anyMatch(span -> span.getKind() == SpanKind.SERVER));
    SpanData server = telemetry.spans().stream().filter(span -> span.getKind() == SpanKind.SERVER).findFirst()
        .orElseThrow();
    assertThat(server.getAttributes().get(GenAiAttributes.REQUEST_MODEL)).isEqualTo("m");
  }

  @Test
  void noLogLineOfAFailingRunCarriesTheProviderCredential() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Handler handler = new StreamHandler(new PrintStream(captured, true, StandardCharsets.UTF_8), new SimpleFormatter()) {
      @Override
      public synchronized void publish(LogRecord record) {
        super.publish(record);
        flush();
      }
    };
    handler.setLevel(Level.ALL);
    Logger root = Logger.getLogger("");
    Level previous = root.getLevel();
    root.addHandler(handler);
    root.setLevel(Level.ALL);
    try {
      TestGateway gateway = start();
      upstream.enqueue(WireFixture.load("openai", "error-401-invalid-api-key", "json").toResponse().build());
      upstream.enqueue(WireFixture.load("openai", "error-500-server-error", "json").toResponse().build());
      upstream.enqueue(WireFixture.load("openai", "chat-completion", "json").toResponse().build());

      Throwable misconfigured = catchThrowable(() -> gateway.blocking().complete(hello()));
      Throwable unavailable = catchThrowable(() -> gateway.blocking().complete(hello()));
      gateway.blocking().complete(hello());

      assertThat(Status.fromThrowable(misconfigured).getCode()).isEqualTo(Status.Code.INTERNAL);
      assertThat(Status.fromThrowable(misconfigured).getDescription()).doesNotContain(PROVIDER_SECRET);
      assertThat(Status.fromThrowable(unavailable).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      RecordedRequest sent = upstream.takeRequest(5, TimeUnit.SECONDS);
      assertThat(sent.getHeaders().get("Authorization")).isEqualTo("Bearer " + PROVIDER_SECRET);
    } finally {
      root.removeHandler(handler);
      root.setLevel(previous);
    }
    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("PROVIDER_MISCONFIGURED").contains("method=Complete").contains("status=UNAVAILABLE").doesNotContain(PROVIDER_SECRET)
        .doesNotContain("provider-secret");
  }
}
