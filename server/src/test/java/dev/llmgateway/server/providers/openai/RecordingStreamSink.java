package dev.llmgateway.server.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.StreamSink;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.ToolCallDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    StringBuilder text = new StringBuilder();
    chunks.forEach(c -> text.append(c.getTextDelta()));
    return text.toString();
  }

  synchronized CompleteStreamResponse last() {
    return chunks.get(chunks.size() - 1);
  }

  /** Reassembles the tool calls from their deltas, by index: id, name and concatenated arguments. */
  synchronized Map<Integer, List<String>> toolCalls() {
    Map<Integer, List<String>> calls = new TreeMap<>();
    for (CompleteStreamResponse chunk : chunks) {
      for (ToolCallDelta delta : chunk.getToolCallDeltasList()) {
        List<String> call = calls.computeIfAbsent(delta.getIndex(), i -> new ArrayList<>(List.of("", "", "")));
        if (!delta.getId().isEmpty()) {
          assertThat(call.get(0)).as("id sent twice for call %d", delta.getIndex()).isEmpty();
          call.set(0, delta.getId());
        }
        if (!delta.getName().isEmpty()) {
          assertThat(call.get(1)).as("name sent twice for call %d", delta.getIndex()).isEmpty();
          call.set(1, delta.getName());
        }
        call.set(2, call.get(2) + delta.getArgumentsJsonDelta());
      }
    }
    return calls;
  }
}
