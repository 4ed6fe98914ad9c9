package dev.llmgateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.testing.GrpcCleanupExtension;
import dev.llmgateway.server.testing.RecordingStreamObserver;
import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SIGTERM behaviour: health turns NOT_SERVING, in-flight streams finish within the grace period, the rest are cancelled. */
class GracefulShutdownTest {
  @RegisterExtension final GrpcCleanupExtension cleanup = new GrpcCleanupExtension();

  private static String config(String grace, String chunkDelay) {
    return "server { shutdown-grace = " + grace + " }\n"
        + "providers { demo { type = demo, options { stream-chunk-delay = " + chunkDelay + " } } }\n"
        + "models { demo-chat { provider = demo, upstream-model = demo-echo-1, capabilities = [chat, streaming] } }\n";
  }

  private static CompleteRequest request(String text) {
    return CompleteRequest.newBuilder().setModel("demo-chat").addMessages(Message.newBuilder()
        .setRole(Role.ROLE_USER).addContent(ContentPart.newBuilder().setText(text))).build();
  }

  @Test
  void healthServesPerServiceAndOverall() {
    TestGateway gateway = cleanup.register(TestGateway.start(config("1s", "0ms")));
    var health = HealthGrpc.newBlockingStub(gateway.channel()).withDeadlineAfter(5, TimeUnit.SECONDS);

    assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);
    assertThat(health.check(HealthCheckRequest.newBuilder().setService("llmgateway.v1.GatewayService").build())
        .getStatus()).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void inFlightStreamsFinishWithinTheGracePeriodWhileHealthSaysNotServing() throws Exception {
    TestGateway gateway = cleanup.register(TestGateway.start(config("10s", "30ms")));
    RecordingStreamObserver<HealthCheckResponse> watch = new RecordingStreamObserver<>();
    HealthGrpc.newStub(gateway.channel()).watch(HealthCheckRequest.getDefaultInstance(), watch);
    assertThat(watch.awaitNext(Duration.ofSeconds(5)).getStatus()).isEqualTo(ServingStatus.SERVING);
    RecordingStreamObserver<CompleteStreamResponse> stream = new RecordingStreamObserver<>();
    gateway.async().completeStream(request("a b c d e f g h"), stream);
    stream.awaitNext(Duration.ofSeconds(15));

    CompletableFuture<Void> closing = CompletableFuture.runAsync(gateway.server()::close);

    assertThat(watch.awaitNext(Duration.ofSeconds(5)).getStatus()).isEqualTo(ServingStatus.NOT_SERVING);
    stream.awaitCompletion(Duration.ofSeconds(10)).assertSucceeded();
    CompleteStreamResponse last = stream.messages().get(stream.messages().size() - 1);
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    closing.get(10, TimeUnit.SECONDS);
  }

  @Test
  void streamsStillRunningWhenTheGracePeriodEndsAreCancelled() throws Exception {
    TestGateway gateway = cleanup.register(TestGateway.start(config("200ms", "100ms")));
    RecordingStreamObserver<CompleteStreamResponse> stream = new RecordingStreamObserver<>();
    gateway.async().completeStream(request("word ".repeat(200)), stream);
    stream.awaitNext(Duration.ofSeconds(15));

    long start = System.nanoTime();
    gateway.server().close();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    stream.awaitCompletion(Duration.ofSeconds(5));
    assertThat(stream.status().getCode()).isIn(Status.Code.CANCELLED, Status.Code.UNAVAILABLE);
    assertThat(stream.messages().size()).isLessThan(200);
  }
}
