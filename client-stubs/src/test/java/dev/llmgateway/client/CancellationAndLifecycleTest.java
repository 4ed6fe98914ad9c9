package dev.llmgateway.client;

import static dev.llmgateway.client.Requests.chat;
import static dev.llmgateway.client.Requests.textOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.GatewayServiceGrpc;
import dev.llmgateway.v1.ListModelsRequest;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cancellation, the API key header and channel ownership, through the real gateway. */
class CancellationAndLifecycleTest {
  private static RunningGateway gateway;
  private ManagedChannel channel;
  private CallRecorder recorder;

  @BeforeAll
  static void start() {
    gateway = RunningGateway.start(RunningGateway.DEMO_CONFIG);
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @BeforeEach
  void openChannel() {
    channel = Grpc.newChannelBuilder(gateway.target(), InsecureChannelCredentials.create()).build();
    recorder = new CallRecorder();
  }

  @AfterEach
  void closeChannel() throws InterruptedException {
    channel.shutdownNow();
    assertThat(channel.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  private GatewayClient clientOverRecorder(String apiKey) {
    return GatewayClient.builder().channel(ClientInterceptors.intercept(channel, recorder)).apiKey(apiKey).build();
  }

  @Test
  void closingAStreamMidwayCancelsTheCall() throws Exception {
    try (GatewayClient client = clientOverRecorder("")) {
      CompletionStream stream = client.completeStream(chat("paced-chat", "a fairly long sentence to stream word by word"));
      CompleteStreamResponse first = stream.next();
      stream.close();

      assertThat(first.getProvider()).isEqualTo("paced");
      assertThat(stream.hasNext()).isFalse();
      assertThat(recorder.nextStatus(5).getCode()).isEqualTo(Status.Code.CANCELLED);
    }
  }

  @Test
  void closingFromAnotherThreadReleasesABlockedReader() throws Exception {
    ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor();
    try (GatewayClient client = clientOverRecorder("")) {
      CompletionStream stream = client.completeStream(chat("slow-chat", "the second word is 30 s away"));
      stream.next();
      // Whether close lands before or during the wait, the reader must end without an error.
      closer.schedule(stream::close, 100, TimeUnit.MILLISECONDS);
      long started = System.nanoTime();

      assertThat(stream.hasNext()).isFalse();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
      assertThat(recorder.nextStatus(5).getCode()).isEqualTo(Status.Code.CANCELLED);
    } finally {
      closer.shutdownNow();
    }
  }

  @Test
  void cancellingAListenerStreamReportsCancelled() throws Exception {
    try (GatewayClient client = clientOverRecorder("")) {
      CountDownLatch firstChunk = new CountDownLatch(1);
      CompletableFuture<GatewayClientException> failed = new CompletableFuture<>();
      CallHandle handle = client.completeStream(chat("slow-chat", "cancel me"), new CompletionListener() {
        @Override
        public void onChunk(CompleteStreamResponse chunk) {
          firstChunk.countDown();
        }

        @Override
        public void onComplete() {
          failed.completeExceptionally(new AssertionError("completed despite the cancellation"));
        }

        @Override
        public void onError(GatewayClientException error) {
          failed.complete(error);
        }
      });
      assertThat(firstChunk.await(5, TimeUnit.SECONDS)).isTrue();
      handle.cancel();

      assertThat(failed.get(5, TimeUnit.SECONDS).code()).isEqualTo(Status.Code.CANCELLED);
    }
  }

  @Test
  void sendsTheApiKeyAsABearerToken() throws Exception {
    try (GatewayClient client = clientOverRecorder("sk-test-123")) {
      client.listModels();

      assertThat(recorder.nextHeaders().get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER)))
          .isEqualTo("Bearer sk-test-123");
    }
  }

  @Test
  void sendsNoAuthorizationWithoutAKey() throws Exception {
    try (GatewayClient client = clientOverRecorder("")) {
      client.listModels();

      assertThat(recorder.nextHeaders().containsKey(ApiKeyInterceptor.AUTHORIZATION)).isFalse();
    }
  }

  @Test
  void closingTheClientLeavesACallerOwnedChannelOpen() {
    GatewayClient client = GatewayClient.builder().channel(channel).build();
    client.close();

    assertThat(channel.isShutdown()).isFalse();
    assertThat(GatewayServiceGrpc.newBlockingStub(channel).listModels(ListModelsRequest.getDefaultInstance())
        .getModelsCount()).isPositive();
    assertThatThrownBy(client::listModels).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closeCancelsStreamsStillRunningAfterTheShutdownTimeout() {
    GatewayClient client = GatewayClient.builder().target(gateway.target()).plaintext()
        .shutdownTimeout(Duration.ofMillis(200)).build();
    CompletionStream stream = client.completeStream(chat("slow-chat", "still going"));
    stream.next();
    long started = System.nanoTime();
    client.close();

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    assertThatThrownBy(stream::hasNext)
        .isInstanceOfSatisfying(GatewayClientException.class,
            e -> assertThat(e.code()).isEqualTo(Status.Code.UNAVAILABLE));
    stream.close();
  }

  @Test
  void closeLetsACallInFlightFinishWithinTheShutdownTimeout() {
    GatewayClient client = GatewayClient.builder().target(gateway.target()).plaintext().build();
    CompletionStream stream = client.completeStream(chat("demo", "finish me first"));
    CompletableFuture<Void> closed = CompletableFuture.runAsync(client::close);

    StringBuilder text = new StringBuilder();
    stream.forEachRemaining(chunk -> text.append(chunk.getTextDelta()));
    closed.join();
    assertThat(text.toString()).endsWith("You said: finish me first");
  }

  @Test
  void callsAfterCloseAreRejected() {
    GatewayClient client = GatewayClient.builder().target(gateway.target()).plaintext().build();
    assertThat(textOf(client.complete(chat("demo", "before close")))).endsWith("before close");
    client.close();
    client.close();

    assertThatThrownBy(() -> client.complete(chat("demo", "after close")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }
}
