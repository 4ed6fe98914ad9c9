package dev.llmgateway.client;

import static dev.llmgateway.client.Requests.chat;
import static dev.llmgateway.client.Requests.textOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.v1.Capability;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.EmbedResponse;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.ListModelsRequest;
import dev.llmgateway.v1.Model;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every client method, through the real gateway running the offline demo provider. */
class GatewayClientTest {
  private static RunningGateway gateway;
  private static GatewayClient client;

  @BeforeAll
  static void start() {
    gateway = RunningGateway.start(RunningGateway.DEMO_CONFIG);
    client = GatewayClient.builder().target(gateway.target()).plaintext().apiKey("test-key").build();
  }

  @AfterAll
  static void stop() {
    client.close();
    gateway.close();
  }

  @Test
  void completeReturnsTheWholeAnswer() {
    CompleteResponse response = client.complete(chat("demo", "Hello, gateway"));

    assertThat(textOf(response)).endsWith("You said: Hello, gateway");
    assertThat(response.getProvider()).isEqualTo("demo");
    assertThat(response.getModel()).isEqualTo("demo-echo-1");
    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(response.getUsage().getTotalTokens()).isPositive();
  }

  @Test
  void completeWithItsOwnDeadlineSucceedsWithinIt() {
    CompleteResponse response = client.complete(chat("demo", "quick"), Duration.ofSeconds(5));

    assertThat(textOf(response)).endsWith("You said: quick");
  }

  @Test
  void completeAsyncCompletesTheFuture() throws Exception {
    CompletableFuture<CompleteResponse> future = client.completeAsync(chat("demo", "async hello"));

    assertThat(textOf(future.get(10, TimeUnit.SECONDS))).endsWith("You said: async hello");
  }

  @Test
  void completeStreamIteratesEveryChunkInOrder() {
    String unary = textOf(client.complete(chat("demo", "stream me please")));
    List<CompleteStreamResponse> chunks = new java.util.ArrayList<>();
    try (CompletionStream stream = client.completeStream(chat("demo", "stream me please"))) {
      stream.forEachRemaining(chunks::add);
    }

    assertThat(chunks).hasSizeGreaterThan(2);
    assertThat(chunks.get(0).getProvider()).isEqualTo("demo");
    assertThat(chunks.get(0).getModel()).isEqualTo("demo-echo-1");
    CompleteStreamResponse last = chunks.get(chunks.size() - 1);
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(last.getUsage().getOutputTokens()).isPositive();
    assertThat(textOf(chunks)).isEqualTo(unary);
  }

  @Test
  void completeStreamAsJavaStreamClosesWithIt() {
    CompletionStream chunks = client.completeStream(chat("demo", "one two three"));
    String text;
    try (Stream<CompleteStreamResponse> stream = chunks.stream()) {
      text = stream.map(CompleteStreamResponse::getTextDelta).collect(Collectors.joining());
    }

    assertThat(text).endsWith("You said: one two three");
    assertThat(chunks.isClosed()).isTrue();
  }

  @Test
  void completeStreamWithListenerDeliversChunksThenCompletes() throws Exception {
    List<CompleteStreamResponse> chunks = new java.util.concurrent.CopyOnWriteArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    client.completeStream(chat("demo", "listen to this"), new CompletionListener() {
      @Override
      public void onChunk(CompleteStreamResponse chunk) {
        chunks.add(chunk);
      }

      @Override
      public void onComplete() {
        done.complete(null);
      }

      @Override
      public void onError(GatewayClientException error) {
        done.completeExceptionally(error);
      }
    });

    done.get(10, TimeUnit.SECONDS);
    assertThat(chunks.get(0).getProvider()).isEqualTo("demo");
    assertThat(chunks.get(chunks.size() - 1).getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(textOf(chunks)).endsWith("You said: listen to this");
  }

  @Test
  void embedReturnsOneVectorPerInput() {
    EmbedResponse response = client.embed(EmbedRequest.newBuilder()
        .setModel("demo-embed").addInputs("alpha").addInputs("beta").setDimensions(4).build());

    assertThat(response.getEmbeddingsList()).hasSize(2);
    assertThat(response.getEmbeddings(0).getIndex()).isZero();
    assertThat(response.getEmbeddings(1).getIndex()).isEqualTo(1);
    assertThat(response.getEmbeddings(1).getValuesList()).hasSize(4);
    assertThat(response.getProvider()).isEqualTo("demo");
  }

  @Test
  void listModelsReturnsTheCatalogueAndFilters() {
    List<String> all = client.listModels().getModelsList().stream().map(Model::getId).toList();
    List<String> embedding = client.listModels(ListModelsRequest.newBuilder()
        .setCapability(Capability.CAPABILITY_EMBEDDINGS).build()).getModelsList().stream().map(Model::getId).toList();

    assertThat(all).contains("demo-chat", "demo-embed", "slow-chat");
    assertThat(embedding).containsExactly("demo-embed");
  }

  @Test
  void unknownModelIsNotFoundWithItsReason() {
    assertThatThrownBy(() -> client.complete(chat("no-such-model", "x")))
        .isInstanceOfSatisfying(GatewayClientException.class, e -> {
          assertThat(e.code()).isEqualTo(Status.Code.NOT_FOUND);
          assertThat(e.reason()).isEqualTo("MODEL_NOT_FOUND");
          assertThat(e.domain()).isEqualTo(GatewayClientException.DOMAIN);
          assertThat(e.requestId()).hasValueSatisfying(id -> assertThat(id).isNotBlank());
          assertThat(e.description()).contains("no-such-model");
          assertThat(e.retryDelay()).isEmpty();
          assertThat(e.isRetryable()).isFalse();
        });
  }

  @Test
  void invalidRequestCarriesItsFieldViolations() {
    CompleteRequest bad = chat("demo", "x").toBuilder().setMaxOutputTokens(-1).build();

    assertThatThrownBy(() -> client.complete(bad))
        .isInstanceOfSatisfying(GatewayClientException.class, e -> {
          assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.reason()).isEqualTo("INVALID_REQUEST");
          assertThat(e.fieldViolations())
              .extracting(GatewayClientException.FieldViolation::field)
              .contains("max_output_tokens");
        });
  }

  @Test
  void asyncFailureCompletesTheFutureWithTheTypedException() {
    CompletableFuture<CompleteResponse> future = client.completeAsync(chat("no-such-model", "x"));

    assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(GatewayClientException.class,
            e -> assertThat(e.reason()).isEqualTo("MODEL_NOT_FOUND"));
  }

  @Test
  void streamFailureIsThrownFromTheIterator() {
    try (CompletionStream stream = client.completeStream(chat("no-such-model", "x"))) {
      assertThatThrownBy(stream::hasNext)
          .isInstanceOfSatisfying(GatewayClientException.class,
              e -> assertThat(e.code()).isEqualTo(Status.Code.NOT_FOUND));
      assertThat(stream.hasNext()).isFalse();
    }
  }

  @Test
  void streamPastItsDeadlineFailsWithDeadlineExceeded() {
    // The first chunk comes at once; the next one is 30 s away, well past the deadline.
    try (CompletionStream stream = client.completeStream(chat("slow-chat", "take your time"), Duration.ofMillis(500))) {
      assertThatThrownBy(() -> stream.forEachRemaining(chunk -> {}))
          .isInstanceOfSatisfying(GatewayClientException.class,
              e -> assertThat(e.code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
    }
  }

  @Test
  void listenerStreamPastItsDeadlineGetsDeadlineExceeded() throws Exception {
    CompletableFuture<GatewayClientException> failed = new CompletableFuture<>();
    client.completeStream(chat("slow-chat", "take your time"), Duration.ofMillis(500), new CompletionListener() {
      @Override
      public void onChunk(CompleteStreamResponse chunk) {}

      @Override
      public void onComplete() {
        failed.completeExceptionally(new AssertionError("completed despite the deadline"));
      }

      @Override
      public void onError(GatewayClientException error) {
        failed.complete(error);
      }
    });

    assertThat(failed.get(10, TimeUnit.SECONDS).code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
  }

  @Test
  void streamDeadlineFromTheBuilderApplies() {
    try (GatewayClient impatient = GatewayClient.builder().target(gateway.target()).plaintext()
        .streamDeadline(Duration.ofMillis(300)).build();
        CompletionStream stream = impatient.completeStream(chat("slow-chat", "slow"))) {
      assertThatThrownBy(() -> stream.forEachRemaining(chunk -> {}))
          .isInstanceOfSatisfying(GatewayClientException.class,
              e -> assertThat(e.code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
    }
  }
}
