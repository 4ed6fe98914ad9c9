package dev.llmgateway.server.providers;

import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.v1.CompleteStreamResponse;

/**
 * Receives a streamed completion: any number of {@link #onChunk} calls, in order, then exactly one of
 * {@link #onComplete} or {@link #onError}. Calls come from one thread at a time.
 */
public interface StreamSink {
  /**
   * Forwards one chunk to the caller. May block until the caller can take more (flow control), so a
   * slow reader slows the upstream read instead of filling memory.
   */
  void onChunk(CompleteStreamResponse chunk);

  /** Ends the stream successfully; the last chunk carried finish reason and usage. */
  void onComplete();

  /** Ends the stream with a failure, after any chunks already forwarded. */
  void onError(GatewayException error);
}
