package dev.llmgateway.server.routing;

import static dev.llmgateway.server.routing.Upstreams.providerConfig;
import static dev.llmgateway.server.routing.Upstreams.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmgateway.server.testing.GrpcCleanupExtension;
import dev.llmgateway.server.testing.RecordingStreamObserver;
import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.CompleteResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Least-in-flight balancing end to end: while a slow deployment holds a call, new calls avoid it. */
class LeastInFlightTest {
  @RegisterExtension final GrpcCleanupExtension cleanup = new GrpcCleanupExtension();
  @StartStop final MockWebServer slow = new MockWebServer();
  @StartStop final MockWebServer fast = new MockWebServer();
  private TestGateway gateway;

  @BeforeEach
  void start() {
    gateway = cleanup.register(TestGateway.start("""
        providers {
        %s%s}
        models {
          m { deployments = [{ provider = slow, upstream-model = up, name = slow },
                             { provider = fast, upstream-model = up, name = fast }],
              capabilities = [chat], load-balancing = least-in-flight }
        }
        """.formatted(providerConfig("slow", slow), providerConfig("fast", fast))));
  }

  @Test
  void callsAvoidTheDeploymentThatIsBusyWithASlowCall() throws Exception {
    for (int i = 0; i < 5; i++) {
      slow.enqueue(Upstreams.slow(2_000));
    }
    for (int i = 0; i < 30; i++) {
      fast.enqueue(Upstreams.ok("fast"));
    }
    // Ties go either way: send calls until one is held by the slow deployment (bounded).
    List<RecordingStreamObserver<CompleteResponse>> pending = new ArrayList<>();
    for (int i = 0; i < 10 && slow.getRequestCount() == 0; i++) {
      RecordingStreamObserver<CompleteResponse> call = new RecordingStreamObserver<>();
      gateway.async().withDeadlineAfter(10, TimeUnit.SECONDS).complete(request("m"), call);
      pending.add(call);
      await().atMost(Duration.ofSeconds(5)).until(() -> slow.getRequestCount() + fast.getRequestCount() > 0
          && (slow.getRequestCount() > 0 || call.messages().size() == 1));
    }
    assertThat(slow.getRequestCount()).as("some call reached the slow deployment").isEqualTo(1);

    int fastBefore = fast.getRequestCount();
    for (int i = 0; i < 10; i++) {
      CompleteResponse response = gateway.blocking().withDeadlineAfter(10, TimeUnit.SECONDS).complete(request("m"));
      assertThat(response.getRoute().getDeployment()).isEqualTo("fast");
    }
    assertThat(fast.getRequestCount() - fastBefore).isEqualTo(10);
    assertThat(slow.getRequestCount()).isEqualTo(1);
    for (RecordingStreamObserver<CompleteResponse> call : pending) {
      call.awaitCompletion(Duration.ofSeconds(8)).assertSucceeded();
    }
  }
}
