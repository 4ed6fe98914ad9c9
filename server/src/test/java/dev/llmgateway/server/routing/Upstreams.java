package dev.llmgateway.server.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmgateway.server.edge.GatewayHeaders;
import dev.llmgateway.server.store.UsageAggregate;
import dev.llmgateway.server.store.UsageStore;
import dev.llmgateway.server.testing.ScriptedBody;
import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.RouteReport;
import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** OpenAI-compatible answers for fault-injecting fake upstreams, and readers of the route report. */
final class Upstreams {
  private Upstreams() {}

  static CompleteRequest request(String model) {
    return CompleteRequest.newBuilder().setModel(model).addMessages(Message.newBuilder().setRole(Role.ROLE_USER)
        .addContent(ContentPart.newBuilder().setText("hello"))).build();
  }

  /** Returns the text of a unary answer. */
  static String text(dev.llmgateway.v1.CompleteResponse response) {
    StringBuilder out = new StringBuilder();
    response.getMessage().getContentList().forEach(part -> out.append(part.getText()));
    return out.toString();
  }

  static MockResponse ok(String text) {
    return new MockResponse.Builder().addHeader("content-type", "application/json").body("""
        {"id":"c1","object":"chat.completion","created":1,"model":"up","choices":[{"index":0,
        "message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
        "usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}""".formatted(text)).build();
  }

  static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).addHeader("content-type", "application/json")
        .body("{\"error\":{\"message\":\"upstream says " + code + "\",\"type\":\"server_error\"}}").build();
  }

  static MockResponse rateLimited(long retryAfterMillis) {
    return new MockResponse.Builder().code(429).addHeader("content-type", "application/json")
        .addHeader("retry-after-ms", Long.toString(retryAfterMillis))
        .body("{\"error\":{\"message\":\"slow down\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}").build();
  }

  static MockResponse contextWindowExceeded() {
    return new MockResponse.Builder().code(400).addHeader("content-type", "application/json")
        .body("{\"error\":{\"message\":\"too long\",\"type\":\"invalid_request_error\",\"code\":\"context_length_exceeded\"}}")
        .build();
  }

  static MockResponse invalid() {
    return new MockResponse.Builder().code(400).addHeader("content-type", "application/json")
        .body("{\"error\":{\"message\":\"bad temperature\",\"type\":\"invalid_request_error\",\"param\":\"temperature\"}}")
        .build();
  }

  static MockResponse slow(long headersDelayMillis) {
    return new MockResponse.Builder(ok("late")).headersDelay(headersDelayMillis, TimeUnit.MILLISECONDS).build();
  }

  static MockResponse sse(ScriptedBody body) {
    return new MockResponse.Builder().addHeader("content-type", "text/event-stream").body(body).build();
  }

  static MockResponse sse(String events) {
    return new MockResponse.Builder().addHeader("content-type", "text/event-stream").body(events).build();
  }

  static String chunk(String content) {
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"up\","
        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]}\n\n";
  }

  static String roleOnly() {
    return "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"up\","
        + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"},\"finish_reason\":null}]}\n\n";
  }

  static final String END = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
      + "\"model\":\"up\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
      + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"up\","
      + "\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}\n\n"
      + "data: [DONE]\n\n";

  /** Returns the route report a failed call carried in its trailers. */
  static RouteReport reportOf(Throwable failure) throws Exception {
    Metadata trailers = Status.trailersFromThrowable(failure);
    assertThat(trailers).as("trailers of " + failure).isNotNull();
    byte[] bytes = trailers.get(GatewayHeaders.X_ROUTE_REPORT_BIN);
    assertThat(bytes).as("x-route-report-bin trailer").isNotNull();
    return RouteReport.parseFrom(bytes);
  }

  /** Waits for the one usage row the gateway records when a call settles, and returns it. */
  static UsageAggregate usageOf(TestGateway gateway) {
    UsageStore usage = gateway.injector().getInstance(UsageStore.class);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    await().atMost(Duration.ofSeconds(5))
        .until(() -> usage.query(Optional.empty(), today.minusDays(1), today.plusDays(1)).size() == 1);
    return usage.query(Optional.empty(), today.minusDays(1), today.plusDays(1)).get(0);
  }

  static String providerConfig(String name, MockWebServer server) {
    return name + " { type = openai, base-url = \"" + server.url("/v1") + "\" }\n";
  }
}
