package dev.llmgateway.client;

import dev.llmgateway.v1.CompleteStreamResponse;

/**
 * Receives a streamed completion as it arrives. Each chunk is delivered in order; then exactly one
 * of {@link #onComplete()} or {@link #onError} is called. Callbacks run on gRPC's executor threads,
 * one at a time for a given call; a callback that blocks delays that call only.
 */
public interface CompletionListener {
  /** Handles the next chunk: the first names the provider and model, the last carries finish reason and usage. */
  void onChunk(CompleteStreamResponse chunk);

  /** Handles the successful end of the stream, after its last chunk. */
  void onComplete();

  /**
   * Handles the failure of the stream; also called with CANCELLED after {@link CallHandle#cancel()}
   * and if {@link #onChunk} throws.
   */
  void onError(GatewayClientException error);
}
