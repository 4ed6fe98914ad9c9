package dev.llmgateway.server.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.util.Modules;
import dev.llmgateway.server.telemetry.GatewayAttributes;
import dev.llmgateway.server.telemetry.TelemetryConfig;
import dev.llmgateway.server.telemetry.TelemetryModule;
import dev.llmgateway.server.testing.GrpcCleanupExtension;
import dev.llmgateway.server.testing.InMemoryTelemetry;
import dev.llmgateway.server.testing.RecordingStreamObserver;
import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Server spans of calls through a real gateway with the tracing interceptor in its edge. */
class TracingInterceptorTest {
  private static final String CONFIG = """
      providers {
        demo { type = demo, options { stream-chunk-delay = 0ms } }
        slow { type = demo, options { stream-chunk-delay = 10s } }
      }
      models {
        demo-chat { provider = demo, upstream-model = demo-echo-1, capabilities = [chat, streaming] }
        slow-chat { provider = slow, upstream-model = demo-echo-1, capabilities = [chat, streaming] }
      }
      """;
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String PARENT_SPAN_ID = "00f067aa0ba902b7";

  @RegisterExtension final GrpcCleanupExtension cleanup = new GrpcCleanupExtension();
  private final InMemoryTelemetry telemetry = new InMemoryTelemetry();
  private final List<SpanContext> seenInHalfClose = new CopyOnWriteArrayList<>();
  private TestGateway gateway;

  @BeforeEach
  void startGateway() {
    TelemetryConfig config = TelemetryConfig.defaults().withPrometheus("127.0.0.1", 0);
    gateway = cleanup.register(TestGateway.start(CONFIG, Map.of(), Modules.combine(
        Modules.override(new TelemetryModule(config)).with(telemetry), new TracedEdge(seenInHalfClose))));
  }

  @AfterEach
  void closeTelemetry() {
    telemetry.close();
  }

  @Test
  void completeMakesOneServerSpanNamedAfterTheMethodWithRpcAttributes() {
    Metadata headers = new Metadata();
    headers.put(GatewayHeaders.X_REQUEST_ID, "req-1");
    gateway.blocking().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .withDeadlineAfter(5, TimeUnit.SECONDS).complete(chat("demo-chat", "hello"));

    SpanData span = awaitOneSpan();
    assertThat(span.getName()).isEqualTo("llmgateway.v1.GatewayService/Complete");
    assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(span.getParentSpanContext().isValid()).isFalse();
    assertThat(span.getAttributes().get(GatewayAttributes.RPC_SYSTEM)).isEqualTo("grpc");
    assertThat(span.getAttributes().get(GatewayAttributes.RPC_SERVICE)).isEqualTo("llmgateway.v1.GatewayService");
    assertThat(span.getAttributes().get(GatewayAttributes.RPC_METHOD)).isEqualTo("Complete");
    assertThat(span.getAttributes().get(GatewayAttributes.RPC_GRPC_STATUS_CODE)).isEqualTo(0L);
    assertThat(span.getAttributes().get(GatewayAttributes.RPC_STATUS)).isEqualTo("OK");
    assertThat(span.getAttributes().get(GatewayAttributes.REQUEST_ID)).isEqualTo("req-1");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void callerTraceparentMakesTheServerSpanAChildOfTheCallersSpan() {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER),
        "00-" + TRACE_ID + "-" + PARENT_SPAN_ID + "-01");
    gateway.blocking().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .withDeadlineAfter(5, TimeUnit.SECONDS).complete(chat("demo-chat", "hello"));

    SpanData span = awaitOneSpan();
    assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(span.getParentSpanId()).isEqualTo(PARENT_SPAN_ID);
    assertThat(span.getParentSpanContext().isRemote()).isTrue();
  }

  @Test
  void handlerCallbacksRunWithTheCallSpanCurrent() {
    gateway.blocking().withDeadlineAfter(5, TimeUnit.SECONDS).complete(chat("demo-chat", "hello"));

    SpanData span = awaitOneSpan();
    assertThat(seenInHalfClose).containsExactly(span.getSpanContext());
  }

  @Test
  void callerMistakeEndsTheSpanWithItsCodeButNotAsAnError() {
    Throwable thrown = catchThrowable(() -> gateway.blocking().withDeadlineAfter(5, TimeUnit.SECONDS)
        .complete(chat("no-such-model", "hello")));

    assertThat(Status.fromThrowable(thrown).getCode()).isEqualTo(Status.Code.NOT_FOUND);
    SpanData span = awaitOneSpan();
    assertThat(span.getAttributes().get(GatewayAttributes.RPC_GRPC_STATUS_CODE)).isEqualTo(5L);
    assertThat(span.getAttributes().get(GatewayAttributes.RPC_STATUS)).isEqualTo("NOT_FOUND");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void streamSpanEndsAfterTheLastChunkWithOk() throws Exception {
    RecordingStreamObserver<CompleteStreamResponse> chunks = new RecordingStreamObserver<>();
    gateway.async().withDeadlineAfter(5, TimeUnit.SECONDS).completeStream(chat("demo-chat", "one two three"), chunks);
    chunks.awaitCompletion(Duration.ofSeconds(5)).assertSucceeded();

    SpanData span = awaitOneSpan();
    assertThat(span.getName()).isEqualTo("llmgateway.v1.GatewayService/CompleteStream");
    assertThat(span.getAttributes().get(GatewayAttributes.RPC_STATUS)).isEqualTo("OK");
  }

  @Test
  void expiredDeadlineEndsTheSpanAsAnError() {
    Throwable thrown = catchThrowable(() -> gateway.blocking().withDeadlineAfter(300, TimeUnit.MILLISECONDS)
        .completeStream(chat("slow-chat", "one two three")).forEachRemaining(chunk -> { }));

    assertThat(thrown).isInstanceOf(StatusRuntimeException.class);
    assertThat(Status.fromThrowable(thrown).getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    SpanData span = awaitOneSpan();
    assertThat(span.getAttributes().get(GatewayAttributes.RPC_STATUS)).isEqualTo("DEADLINE_EXCEEDED");
    assertThat(span.getAttributes().get(GatewayAttributes.ERROR_TYPE)).isEqualTo("DEADLINE_EXCEEDED");
    assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
  }

  /** Waits for the call's one SERVER span (its routing span is a child, not counted here). */
  private SpanData awaitOneSpan() {
    await().atMost(Duration.ofSeconds(5)).until(() -> !serverSpans().isEmpty());
    assertThat(serverSpans()).hasSize(1);
    return serverSpans().get(0);
  }

  private List<SpanData> serverSpans() {
    return telemetry.spans().stream().filter(s -> s.getKind() == io.opentelemetry.api.trace.SpanKind.SERVER).toList();
  }

  private static CompleteRequest chat(String model, String text) {
    return CompleteRequest.newBuilder().setModel(model).addMessages(Message.newBuilder().setRole(Role.ROLE_USER)
        .addContent(ContentPart.newBuilder().setText(text))).build();
  }

  /** The production edge with tracing after the request id, plus a probe that notes the current span. */
  private static final class TracedEdge extends AbstractModule {
    private final List<SpanContext> seenInHalfClose;

    TracedEdge(List<SpanContext> seenInHalfClose) {
      this.seenInHalfClose = seenInHalfClose;
    }

    @Provides
    @Singleton
    List<ServerInterceptor> interceptorsOutermostFirst(RequestIdInterceptor requestId, TracingInterceptor tracing,
        UnexpectedErrorInterceptor unexpectedErrors) {
      return List.of(requestId, tracing, new CurrentSpanProbe(seenInHalfClose), unexpectedErrors);
    }
  }

  private static final class CurrentSpanProbe implements ServerInterceptor {
    private final List<SpanContext> seen;

    CurrentSpanProbe(List<SpanContext> seen) {
      this.seen = seen;
    }

    @Override
    public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
        ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
      return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
        @Override
        public void onHalfClose() {
          seen.add(Span.current().getSpanContext());
          super.onHalfClose();
        }
      };
    }
  }
}
