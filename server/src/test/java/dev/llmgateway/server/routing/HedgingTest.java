package dev.llmgateway.server.routing;

import static dev.llmgateway.server.routing.Upstreams.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.testing.ScriptedBody;
import dev.llmgateway.v1.Attempt;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.ErrorClass;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hedging: whichever deployment gets the first request stalls; after the hedge delay the same request
 * goes to the other, whose answer wins, and the stalled loser's connection is closed.
 */
class HedgingTest extends TwoUpstreams {
  private final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicReference<ScriptedBody> stalled = new AtomicReference<>();
  private final AtomicBoolean slowNotStalled = new AtomicBoolean();

  @BeforeEach
  void start() {
    // Balancing picks either deployment first, so both upstreams stall the first request they see.
    Dispatcher firstStalls = new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (requests.getAndIncrement() == 0) {
          if (slowNotStalled.get()) {
            return Upstreams.slow(300);
          }
          ScriptedBody body = new ScriptedBody().send("{").await(release).sendUntilClosed(" ", 100_000);
          stalled.set(body);
          return new MockResponse.Builder().addHeader("content-type", "application/json").body(body).build();
        }
        return Upstreams.ok("hedge won");
      }
    };
    a.setDispatcher(firstStalls);
    b.setDispatcher(firstStalls);
    startGateway("""
        models {
          m { deployments = [{ provider = a, upstream-model = up }, { provider = b, upstream-model = up }],
              capabilities = [chat, tools], hedge { delay = 100ms } }
        }
        """);
  }

  @AfterEach
  void releaseStalled() {
    release.countDown();
  }

  @Test
  void aSlowFirstDeploymentIsBeatenByTheHedgeAndTheLoserIsClosed() throws Exception {
    long start = System.nanoTime();
    CompleteResponse response = gateway.blocking().withDeadlineAfter(10, TimeUnit.SECONDS).complete(request("m"));
    long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    release.countDown();

    assertThat(Upstreams.text(response)).isEqualTo("hedge won");
    assertThat(elapsed).as("answered soon after the 100 ms hedge delay").isBetween(90L, 3_000L);
    assertThat(response.getRoute().getAttemptsList()).hasSize(2);
    Attempt first = response.getRoute().getAttempts(0);
    Attempt hedge = response.getRoute().getAttempts(1);
    assertThat(first.getHedge()).isFalse();
    assertThat(first.getErrorClass()).isEqualTo(ErrorClass.ERROR_CLASS_CANCELLED);
    assertThat(hedge.getHedge()).isTrue();
    assertThat(hedge.getErrorClass()).isEqualTo(ErrorClass.ERROR_CLASS_UNSPECIFIED);
    assertThat(hedge.getDeployment()).isNotEqualTo(first.getDeployment()).isEqualTo(response.getRoute().getDeployment());
    assertThat(stalled.get().awaitPeerClosed(5_000)).as("the loser's upstream connection was closed").isTrue();
    assertThat(a.getRequestCount() + b.getRequestCount()).isEqualTo(2);
    // The loser's prompt reached its provider too: its estimate is charged beside the winner's 5 tokens.
    assertThat(Upstreams.usageOf(gateway).inputTokens()).isGreaterThan(5);
  }

  @Test
  void aCallWithToolsIsNeverHedged() throws Exception {
    // The first request answers after 300 ms, well past the 100 ms hedge delay.
    slowNotStalled.set(true);
    CompleteResponse response = gateway.blocking().withDeadlineAfter(10, TimeUnit.SECONDS).complete(request("m")
        .toBuilder().addTools(dev.llmgateway.v1.Tool.newBuilder().setName("lookup").setDescription("d")).build());

    assertThat(response.getRoute().getAttemptsList()).hasSize(1).extracting(Attempt::getHedge).containsExactly(false);
    assertThat(Upstreams.text(response)).isEqualTo("late");
  }
}
