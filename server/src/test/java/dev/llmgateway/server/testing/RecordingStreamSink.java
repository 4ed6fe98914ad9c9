package dev.llmgateway.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.StreamSink;
import dev.llmgateway.v1.CompleteStreamResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Records an adapter stream's chunks and counts its terminal callbacks; a chunk after the end fails the test. */
public final class RecordingStreamSink implements StreamSink {
  private static final long WAIT_SECONDS = 10;

  public final List<CompleteStreamResponse> chunks = new CopyOnWriteArrayList<>();
  public final CompletableFuture<CompleteStreamResponse> firstChunk = new CompletableFuture<>();
  public final AtomicInteger terminals = new AtomicInteger();
  private final CompletableFuture<Optional<GatewayException>> end = new CompletableFuture<>();

  @Override
  public void onChunk(CompleteStreamResponse chunk) {
    assertThat(terminals).as("chunk after the end of the stream").hasValue(0);
    chunks.add(chunk);
    firstChunk.complete(chunk);
  }

  @Override
  public void onComplete() {
    terminals.incrementAndGet();
    end.complete(Optional.empty());
  }

  @Override
  public void onError(GatewayException error) {
    terminals.incrementAndGet();
    end.complete(Optional.of(error));
  }

  /** Waits for the end of the stream and fails unless it completed, exactly once. */
  public void awaitComplete() throws Exception {
    Optional<GatewayException> outcome = end.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(outcome).as("stream outcome").isEmpty();
    assertThat(terminals).hasValue(1);
  }

  /** Waits for the end of the stream and returns its error, failing unless it failed, exactly once. */
  public GatewayException awaitError() throws Exception {
    Optional<GatewayException> outcome = end.get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(outcome).as("stream outcome").isPresent();
    assertThat(terminals).hasValue(1);
    return outcome.orElseThrow();
  }

  /** Returns the last chunk received. */
  public CompleteStreamResponse last() {
    return chunks.get(chunks.size() - 1);
  }
}
