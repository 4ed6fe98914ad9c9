package dev.llmgateway.server.cache;

import static dev.llmgateway.server.api.Requests.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.edge.GatewayHeaders;
import dev.llmgateway.server.testing.GrpcCleanupExtension;
import dev.llmgateway.server.testing.RecordingStreamObserver;
import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.CacheResult;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.EmbedResponse;
import dev.llmgateway.v1.Embedding;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The in-process response cache end to end, for CompleteStream (replay) and Embed (per input). */
class StreamAndEmbedCacheTest {
  @RegisterExtension final GrpcCleanupExtension cleanup = new GrpcCleanupExtension();
  @StartStop final MockWebServer upstream = new MockWebServer();
  private TestGateway gateway;

  @BeforeEach
  void startGateway() {
    gateway = cleanup.register(TestGateway.start("""
        providers { up { type = openai, base-url = "%s" } }
        cache { max-entry-bytes = 300KiB }
        models {
          m { provider = up, upstream-model = mock-model, capabilities = [chat, streaming], cache { enabled = true } }
          e { provider = up, upstream-model = mock-embed, capabilities = [embeddings], cache { enabled = true } }
        }
        """.formatted(upstream.url("/v1"))));
  }

  private static CompleteRequest question() {
    return CompleteRequest.newBuilder().setModel("m").setTemperature(0).addMessages(user("count to three")).build();
  }

  private List<CompleteStreamResponse> stream(AtomicReference<Metadata> trailers) throws InterruptedException {
    RecordingStreamObserver<CompleteStreamResponse> chunks = new RecordingStreamObserver<>();
    gateway.async().withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(new AtomicReference<>(), trailers))
        .withDeadlineAfter(10, TimeUnit.SECONDS).completeStream(question(), chunks);
    chunks.awaitCompletion(Duration.ofSeconds(10)).assertSucceeded();
    drainWrites();
    return chunks.messages();
  }

  private void drainWrites() {
    assertThat(gateway.injector().getInstance(CacheWriter.class).drain(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void aCachedStreamReplaysTheSameChunksAndFinalUsage() throws Exception {
    upstream.enqueue(OpenAiBodies.stream("one ", "two ", "three"));
    AtomicReference<Metadata> liveTrailers = new AtomicReference<>();
    AtomicReference<Metadata> replayTrailers = new AtomicReference<>();

    List<CompleteStreamResponse> live = stream(liveTrailers);
    List<CompleteStreamResponse> replayed = stream(replayTrailers);

    assertThat(upstream.getRequestCount()).isEqualTo(1);
    assertThat(live).hasSizeGreaterThanOrEqualTo(4);
    assertThat(replayed).hasSameSizeAs(live);
    assertThat(replayed.stream().map(c -> c.toBuilder().clearCache().build()).toList())
        .isEqualTo(live.stream().map(c -> c.toBuilder().clearCache().clearRoute().build()).toList());
    CompleteStreamResponse lastLive = live.get(live.size() - 1);
    CompleteStreamResponse lastReplayed = replayed.get(replayed.size() - 1);
    assertThat(lastReplayed.getUsage()).isEqualTo(lastLive.getUsage());
    assertThat(lastReplayed.getUsage().getOutputTokens()).isEqualTo(3);
    assertThat(lastLive.getCache().getResult()).isEqualTo(CacheResult.CACHE_RESULT_MISS);
    assertThat(lastReplayed.getCache().getResult()).isEqualTo(CacheResult.CACHE_RESULT_HIT);
    assertThat(replayed.subList(0, replayed.size() - 1)).allSatisfy(c -> assertThat(c.hasCache()).isFalse());
    assertThat(liveTrailers.get().get(GatewayHeaders.X_CACHE)).isEqualTo("miss");
    assertThat(replayTrailers.get().get(GatewayHeaders.X_CACHE)).isEqualTo("hit");
  }

  @Test
  void aStreamThatFailedIsNotCached() throws Exception {
    upstream.enqueue(new mockwebserver3.MockResponse.Builder().code(500).body("{}").build());
    upstream.enqueue(OpenAiBodies.stream("ok"));
    RecordingStreamObserver<CompleteStreamResponse> failed = new RecordingStreamObserver<>();
    gateway.async().withDeadlineAfter(10, TimeUnit.SECONDS).completeStream(question(), failed);
    failed.awaitCompletion(Duration.ofSeconds(10));
    drainWrites();

    List<CompleteStreamResponse> next = stream(new AtomicReference<>());

    assertThat(failed.error()).isNotNull();
    assertThat(next.get(next.size() - 1).getCache().getResult()).isEqualTo(CacheResult.CACHE_RESULT_MISS);
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aReplayToAReaderThatStopsReadingWaitsForItAndEndsWhenItCancels() throws Exception {
    String[] words = new String[100];
    java.util.Arrays.fill(words, "y".repeat(2_000));
    upstream.enqueue(OpenAiBodies.stream(words));
    stream(new AtomicReference<>());
    java.util.concurrent.ThreadPoolExecutor replays =
        (java.util.concurrent.ThreadPoolExecutor) gateway.injector().getInstance(CacheExecutors.class).replays();

    // A reader that takes one chunk and then nothing, over a 16 kB window: 200 kB of replay cannot fit.
    io.grpc.ManagedChannel narrow = cleanup.register(io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder
        .forAddress("127.0.0.1", gateway.port()).usePlaintext().flowControlWindow(16 * 1024).build());
    AtomicReference<io.grpc.stub.ClientCallStreamObserver<CompleteRequest>> call = new AtomicReference<>();
    java.util.concurrent.CountDownLatch first = new java.util.concurrent.CountDownLatch(1);
    RecordingStreamObserver<CompleteStreamResponse> slow = new RecordingStreamObserver<>();
    dev.llmgateway.v1.GatewayServiceGrpc.newStub(narrow).withDeadlineAfter(30, TimeUnit.SECONDS).completeStream(
        question(), new io.grpc.stub.ClientResponseObserver<CompleteRequest, CompleteStreamResponse>() {
          @Override
          public void beforeStart(io.grpc.stub.ClientCallStreamObserver<CompleteRequest> requestStream) {
            call.set(requestStream);
            requestStream.disableAutoRequestWithInitial(1);
          }

          @Override
          public void onNext(CompleteStreamResponse value) {
            slow.onNext(value);
            first.countDown();
          }

          @Override
          public void onError(Throwable t) {
            slow.onError(t);
          }

          @Override
          public void onCompleted() {
            slow.onCompleted();
          }
        });
    assertThat(first.await(10, TimeUnit.SECONDS)).isTrue();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> replays.getActiveCount() == 1);
    call.get().cancel("enough", null);

    slow.awaitCompletion(Duration.ofSeconds(10));
    assertThat(slow.status().getCode()).isEqualTo(io.grpc.Status.Code.CANCELLED);
    assertThat(slow.messages()).hasSize(1);
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> replays.getActiveCount() == 0);
    assertThat(upstream.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aStreamLargerThanTheEntryLimitIsServedButNotStored() throws Exception {
    String word = "x".repeat(120_000) + " ";
    upstream.enqueue(OpenAiBodies.stream(word, word, word));
    upstream.enqueue(OpenAiBodies.stream(word, word, word));

    List<CompleteStreamResponse> first = stream(new AtomicReference<>());
    List<CompleteStreamResponse> second = stream(new AtomicReference<>());

    assertThat(first.get(first.size() - 1).getCache().getResult()).isEqualTo(CacheResult.CACHE_RESULT_MISS);
    assertThat(second.get(second.size() - 1).getCache().getResult()).isEqualTo(CacheResult.CACHE_RESULT_MISS);
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  private EmbedResponse embed(String... inputs) {
    EmbedResponse response = gateway.blocking().withDeadlineAfter(10, TimeUnit.SECONDS)
        .embed(EmbedRequest.newBuilder().setModel("e").addAllInputs(List.of(inputs)).build());
    drainWrites();
    return response;
  }

  @Test
  void aPartialEmbedBatchSendsOnlyTheMissingInputsUpstreamAndMergesInInputOrder() throws Exception {
    upstream.enqueue(OpenAiBodies.embeddings(List.of(1f, 2f)));
    upstream.enqueue(OpenAiBodies.embeddings(List.of(3f)));

    EmbedResponse first = embed("alpha", "beta");
    EmbedResponse partial = embed("beta", "gamma", "alpha");
    EmbedResponse full = embed("gamma", "alpha");

    RecordedRequest firstRequest = upstream.takeRequest();
    RecordedRequest partialRequest = upstream.takeRequest();
    assertThat(firstRequest.getBody().utf8()).contains("\"input\":" + OpenAiBodies.inputArray("alpha", "beta"));
    assertThat(partialRequest.getBody().utf8()).contains("\"input\":" + OpenAiBodies.inputArray("gamma"));
    assertThat(upstream.getRequestCount()).isEqualTo(2);

    assertThat(first.getCache().getResult()).isEqualTo(CacheResult.CACHE_RESULT_MISS);
    assertThat(partial.getCache().getResult()).isEqualTo(CacheResult.CACHE_RESULT_PARTIAL);
    assertThat(partial.getCache().getCachedInputs()).isEqualTo(2);
    assertThat(partial.getEmbeddingsList()).extracting(Embedding::getIndex).containsExactly(0, 1, 2);
    assertThat(partial.getEmbeddingsList()).extracting(e -> e.getValues(0)).containsExactly(2f, 3f, 1f);
    // Usage counts what went upstream: one input.
    assertThat(partial.getUsage().getInputTokens()).isEqualTo(3);

    assertThat(full.getCache().getResult()).isEqualTo(CacheResult.CACHE_RESULT_HIT);
    assertThat(full.getCache().getCachedInputs()).isEqualTo(2);
    assertThat(full.getEmbeddingsList()).extracting(e -> e.getValues(0)).containsExactly(3f, 1f);
    assertThat(full.getEmbeddingsList()).extracting(Embedding::getIndex).containsExactly(0, 1);
    assertThat(full.getUsage().getInputTokens()).isZero();
    assertThat(full.getProvider()).isEqualTo("up");
  }
}
