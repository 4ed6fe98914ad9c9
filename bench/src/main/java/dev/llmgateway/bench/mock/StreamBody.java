package dev.llmgateway.bench.mock;

import java.util.List;

/**
 * Holds a precomputed streamed answer as wire bytes: what precedes the first text chunk, one entry per
 * text chunk, and what follows the last one. Only the text chunks are spaced out by the delay.
 *
 * @param head the events before the first text chunk (e.g. the role chunk or {@code message_start})
 * @param chunks one element per text chunk event, at least one
 * @param tail the closing events (finish reason, usage, terminator)
 */
public record StreamBody(byte[] head, List<byte[]> chunks, byte[] tail) {
  /** Copies the list; the byte arrays are shared and never written after construction. */
  public StreamBody {
    chunks = List.copyOf(chunks);
    if (chunks.isEmpty()) {
      throw new IllegalArgumentException("chunks: empty (expected: at least one text chunk)");
    }
  }
}
