package dev.llmgateway.server.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.StreamSink;
import dev.llmgateway.server.testing.StreamChunks;
import dev.llmgateway.v1.CompleteStreamResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what a stream delivers and fails the test on a second terminal callback. */
final class RecordingStreamSink implements StreamSink {
  private final List<CompleteStreamResponse> chunks = new ArrayList<>();
  private final CompletableFuture<GatewayException> outcome = new CompletableFuture<>();
  private final AtomicInteger terminals = new AtomicInteger();
  private final CountDownLatch firstChunk = new CountDownLatch(1);

  @Override
  public synchronized void onChunk(CompleteStreamResponse chunk) {
    assertThat(terminals.get()).as("chunk after the end of the stream").isZero();
    chunks.add(chunk);
    firstChunk.countDown();
  }

  @Override
  public void onComplete() {
    terminals.incrementAndGet();
    outcome.complete(null);
  }

  @Override
  public void onError(GatewayException error) {
    terminals.incrementAndGet();
    outcome.complete(error);
  }

  /** Waits for the end of the stream and returns its error, or null when it completed. */
  GatewayException awaitEnd() throws InterruptedException, ExecutionException, TimeoutException {
    return outcome.get(10, TimeUnit.SECONDS);
  }

  /** Waits for the end of the stream and fails unless it completed. */
  void awaitCompletion() throws InterruptedException, ExecutionException, TimeoutException {
    GatewayException error = awaitEnd();
    assertThat(error).as("stream error").isNull();
  }

  boolean awaitFirstChunk() throws InterruptedException {
    return firstChunk.await(10, TimeUnit.SECONDS);
  }

  int terminals() {
    return terminals.get();
  }

  synchronized List<CompleteStreamResponse> chunks() {
    return List.copyOf(chunks);
  }

  synchronized String text() {
    return StreamChunks.text(chunks);
  }

  synchronized CompleteStreamResponse last() {
    return chunks.get(chunks.size() - 1);
  }

  /** Reassembles the tool calls from their deltas, by index: id, name and concatenated arguments. */
  synchronized Map<Integer, List<String>> toolCalls() {
    return StreamChunks.toolCalls(chunks);
  }
}
