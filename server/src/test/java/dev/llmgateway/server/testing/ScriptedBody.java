package dev.llmgateway.server.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/**
 * A response body the test scripts step by step: write and flush text, wait for the test to say go,
 * or keep writing until the peer closes the connection (which it records). Streamed with chunked
 * transfer encoding, so each flush reaches the client as it happens.
 */
public final class ScriptedBody implements MockResponseBody {
  private final List<Step> steps = new ArrayList<>();
  private final CountDownLatch peerClosed = new CountDownLatch(1);
  private final AtomicLong bytesWritten = new AtomicLong();

  private interface Step {
    void run(BufferedSink sink) throws IOException;
  }

  /** Writes {@code text} and flushes it to the socket. */
  public ScriptedBody send(String text) {
    steps.add(sink -> {
      sink.writeUtf8(text).flush();
      bytesWritten.addAndGet(text.length());
    });
    return this;
  }

  /** Writes {@code text} {@code times} times, flushing each, as fast as the peer takes it. */
  public ScriptedBody sendRepeated(String text, int times) {
    steps.add(sink -> {
      for (int i = 0; i < times; i++) {
        sink.writeUtf8(text).flush();
        bytesWritten.addAndGet(text.length());
      }
    });
    return this;
  }

  /** Waits (at most 10 seconds) until {@code go} opens before the next step. */
  public ScriptedBody await(CountDownLatch go) {
    steps.add(sink -> {
      try {
        if (!go.await(10, TimeUnit.SECONDS)) {
          throw new IOException("test did not release the body within 10s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    });
    return this;
  }

  /**
   * Writes {@code filler} repeatedly (at most {@code maxWrites} times) until a write fails because the
   * peer closed the connection, which {@link #awaitPeerClosed} then reports.
   */
  public ScriptedBody sendUntilClosed(String filler, int maxWrites) {
    steps.add(sink -> {
      for (int i = 0; i < maxWrites; i++) {
        try {
          sink.writeUtf8(filler).flush();
          bytesWritten.addAndGet(filler.length());
        } catch (IOException closed) {
          peerClosed.countDown();
          throw closed;
        }
      }
    });
    return this;
  }

  /** Returns whether the peer was seen closing the connection within {@code timeoutMillis}. */
  public boolean awaitPeerClosed(long timeoutMillis) throws InterruptedException {
    return peerClosed.await(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  /** Returns how many bytes the body has written so far. */
  public long bytesWritten() {
    return bytesWritten.get();
  }

  @Override
  public long getContentLength() {
    return -1;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    for (Step step : steps) {
      step.run(sink);
    }
  }
}
