package dev.llmgateway.client;

import dev.llmgateway.v1.CompleteStreamResponse;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A streamed completion being received: an {@link Iterator} over its chunks that blocks until the
 * next one arrives. The first chunk names the provider and model, the last carries the finish reason
 * and usage; a stream that fails throws {@link GatewayClientException} from {@link #hasNext()}.
 *
 * <p>Always close it, ideally with try-with-resources: closing before the last chunk cancels the
 * call, and with it the provider's request. {@link #close()} may be called from any thread; after
 * it, {@link #hasNext()} returns false. Chunks are requested one at a time as they are consumed, so
 * a slow reader slows the gateway down rather than buffering the whole answer. Iterate from one
 * thread at a time.
 */
public final class CompletionStream implements Iterator<CompleteStreamResponse>, AutoCloseable {
  private final Context.CancellableContext context;
  private final Iterator<CompleteStreamResponse> chunks;
  private volatile boolean closed;
  private boolean finished;

  CompletionStream(Context.CancellableContext context, Iterator<CompleteStreamResponse> chunks) {
    this.context = context;
    this.chunks = chunks;
  }

  /**
   * Returns whether another chunk follows, waiting for it if needed.
   *
   * @throws GatewayClientException if the call failed (deadline, provider error, ...)
   */
  @Override
  public boolean hasNext() {
    if (closed || finished) {
      return false;
    }
    try {
      if (chunks.hasNext()) {
        return true;
      }
      finish();
      return false;
    } catch (StatusRuntimeException e) {
      finish();
      if (closed) {
        // The CANCELLED status is the echo of our own close(), not a failure to report.
        return false;
      }
      throw GatewayClientException.from(e);
    }
  }

  /**
   * Returns the next chunk, waiting for it if needed.
   *
   * @throws NoSuchElementException if the stream has ended or was closed
   * @throws GatewayClientException if the call failed
   */
  @Override
  public CompleteStreamResponse next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the stream has ended");
    }
    return chunks.next();
  }

  /**
   * Returns the remaining chunks as a sequential {@link Stream}; closing that stream (use
   * try-with-resources) closes this one.
   */
  public Stream<CompleteStreamResponse> stream() {
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false)
        .onClose(this::close);
  }

  /** Returns whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** Cancels the call if it is still running; idempotent. */
  @Override
  public void close() {
    closed = true;
    context.cancel(null);
  }

  private void finish() {
    finished = true;
    // Releases the context's listeners; the call has already ended, so this cancels nothing.
    context.cancel(null);
  }
}
