package dev.llmgateway.server.providers.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.telemetry.GatewayAttributes;
import dev.llmgateway.server.telemetry.GenAiAttributes;
import dev.llmgateway.server.testing.InMemoryTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Client spans and trace context for upstream HTTP calls, against a scripted provider. */
class UpstreamTracingInterceptorTest {
  private static final String SECRET = "sk-test-not-a-real-key";
  private static final MediaType JSON = MediaType.get("application/json");

  @StartStop public final MockWebServer provider = new MockWebServer();
  private final InMemoryTelemetry telemetry = new InMemoryTelemetry();
  private final OkHttpClient http = new OkHttpClient.Builder()
      .addInterceptor(new UpstreamTracingInterceptor(telemetry.sdk()))
      .retryOnConnectionFailure(false)
      .build();
  private final Span parent = telemetry.sdk().getTracer("test").spanBuilder("call").startSpan();

  @AfterEach
  void release() {
    parent.end();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    telemetry.close();
  }

  @Test
  void sendsTraceparentOfAClientSpanThatIsAChildOfTheTaggedContext() throws Exception {
    provider.enqueue(new MockResponse.Builder().body("{\"ok\":true}").build());

    try (Response response = http.newCall(request("/v1/chat/completions")).execute()) {
      assertThat(response.body().string()).isEqualTo("{\"ok\":true}");
    }

    SpanData client = onlyClientSpan();
    RecordedRequest recorded = provider.takeRequest();
    String traceparent = recorded.getHeaders().get("traceparent");
    assertThat(traceparent).startsWith("00-" + parent.getSpanContext().getTraceId() + "-" + client.getSpanId() + "-");
    // The last field is the trace flags; bit 0 is "sampled".
    assertThat(Integer.parseInt(traceparent.substring(traceparent.length() - 2), 16) & 1).isEqualTo(1);
    assertThat(client.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
    assertThat(client.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(client.getKind()).isEqualTo(SpanKind.CLIENT);
    assertThat(client.getName()).isEqualTo("POST");
  }

  @Test
  void recordsMethodServerUrlWithoutQueryStatusAndProviderButNoHeaders() throws Exception {
    provider.enqueue(new MockResponse.Builder().body("{}").build());

    http.newCall(request("/v1beta/models/gemini:generateContent?key=" + SECRET)).execute().close();

    SpanData client = onlyClientSpan();
    String host = provider.url("/").host();
    assertThat(client.getAttributes().get(UpstreamTracingInterceptor.HTTP_REQUEST_METHOD)).isEqualTo("POST");
    assertThat(client.getAttributes().get(UpstreamTracingInterceptor.SERVER_ADDRESS)).isEqualTo(host);
    assertThat(client.getAttributes().get(UpstreamTracingInterceptor.SERVER_PORT)).isEqualTo((long) provider.getPort());
    assertThat(client.getAttributes().get(UpstreamTracingInterceptor.URL_FULL))
        .isEqualTo("http://" + host + ":" + provider.getPort() + "/v1beta/models/gemini:generateContent");
    assertThat(client.getAttributes().get(UpstreamTracingInterceptor.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(200L);
    assertThat(client.getAttributes().get(GenAiAttributes.PROVIDER_NAME)).isEqualTo("openai");
    assertThat(client.getAttributes().asMap().keySet()).noneMatch(key -> key.getKey().startsWith("http.request.header")
        || key.getKey().startsWith("http.response.header"));
    assertThat(client.getAttributes().asMap().values()).noneMatch(value -> value.toString().contains(SECRET));
    assertThat(client.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void parentsAsynchronousCallsOnTheTagNotOnTheDispatcherThreadsContext() throws Exception {
    provider.enqueue(new MockResponse.Builder().body("{}").build());
    UpstreamHttp upstream = new UpstreamHttp(http, providerConfig());
    CompletableFuture<Integer> status = new CompletableFuture<>();

    upstream.send(request("/v1/chat/completions"), Duration.ofSeconds(5), new UpstreamHttp.ResponseHandler() {
      @Override
      public void onResponse(Response response) {
        status.complete(response.code());
      }

      @Override
      public void onFailure(GatewayException error) {
        status.completeExceptionally(error);
      }
    });

    assertThat(status.get(5, TimeUnit.SECONDS)).isEqualTo(200);
    SpanData client = onlyClientSpan();
    assertThat(client.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(provider.takeRequest().getHeaders().get("traceparent")).contains(client.getSpanId());
  }

  @Test
  void fallsBackToTheCurrentContextWithoutATag() throws Exception {
    provider.enqueue(new MockResponse.Builder().body("{}").build());
    Request untagged = new Request.Builder().url(provider.url("/v1/models")).build();

    Scope scope = parent.makeCurrent();
    try {
      http.newCall(untagged).execute().close();
    } finally {
      scope.close();
    }

    assertThat(onlyClientSpan().getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
  }

  @Test
  void marksAnErrorStatusFromTheProvider() throws Exception {
    provider.enqueue(new MockResponse.Builder().code(503).body("{\"error\":\"overloaded\"}").build());

    http.newCall(request("/v1/chat/completions")).execute().close();

    SpanData client = onlyClientSpan();
    assertThat(client.getAttributes().get(UpstreamTracingInterceptor.HTTP_RESPONSE_STATUS_CODE)).isEqualTo(503L);
    assertThat(client.getAttributes().get(GatewayAttributes.ERROR_TYPE)).isEqualTo("503");
    assertThat(client.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  @Test
  void endsTheSpanAsAnErrorWhenTheConnectionFails() {
    provider.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());

    assertThatThrownBy(() -> http.newCall(request("/v1/chat/completions")).execute().close())
        .isInstanceOf(IOException.class);

    SpanData client = onlyClientSpan();
    assertThat(client.getAttributes().get(GatewayAttributes.ERROR_TYPE)).isNotBlank();
    assertThat(client.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(client.getAttributes().get(UpstreamTracingInterceptor.HTTP_RESPONSE_STATUS_CODE)).isNull();
  }

  @Test
  void endsAStreamedResponsesSpanOnlyWhenItsBodyIsClosed() throws Exception {
    provider.enqueue(new MockResponse.Builder().setHeader("content-type", "text/event-stream")
        .chunkedBody("data: one\n\ndata: two\n\n", 4).build());

    Response response = http.newCall(request("/v1/chat/completions")).execute();
    BufferedSource body = response.body().source();
    assertThat(body.readUtf8Line()).isEqualTo("data: one");
    assertThat(telemetry.spans()).isEmpty();
    assertThat(response.body().contentType()).isEqualTo(MediaType.get("text/event-stream"));
    response.close();

    assertThat(onlyClientSpan().getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  private Request request(String path) {
    return new Request.Builder().url(provider.url(path))
        .header("Authorization", "Bearer " + SECRET)
        .tag(Context.class, Context.root().with(parent))
        .tag(ProviderTag.class, new ProviderTag("openai"))
        .post(RequestBody.create("{\"model\":\"gpt-4o\"}", JSON))
        .build();
  }

  private SpanData onlyClientSpan() {
    await().atMost(Duration.ofSeconds(5)).until(() -> !telemetry.spans().isEmpty());
    assertThat(telemetry.spans()).hasSize(1);
    return telemetry.spans().get(0);
  }

  private static ProviderConfig providerConfig() {
    return new ProviderConfig("openai", "openai", "", "", Optional.empty(), true, Map.of(), Duration.ofSeconds(5),
        Duration.ofSeconds(5), Duration.ofSeconds(5), false, Map.of());
  }
}
