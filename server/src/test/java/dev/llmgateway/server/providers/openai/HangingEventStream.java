package dev.llmgateway.server.providers.openai;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/**
 * An event stream that sends one event, then waits for {@link #release()} and writes keep-alive
 * comments until a write fails: the client has closed the connection, which {@link #awaitClosed()}
 * observes from the server's side.
 */
final class HangingEventStream {
  private final CountDownLatch released = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);

  /** Returns the response: {@code firstEvent} (a complete SSE event), then the hang. */
  MockResponse response(String firstEvent) {
    return new MockResponse.Builder().addHeader("Content-Type", "text/event-stream").body(new MockResponseBody() {
      @Override
      public long getContentLength() {
        return -1;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        sink.writeUtf8(firstEvent).flush();
        try {
          if (!released.await(10, TimeUnit.SECONDS)) {
            throw new IOException("the test never released the stream");
          }
          for (int i = 0; i < 100_000; i++) {
            sink.writeUtf8(": keep-alive\n\n").flush();
          }
        } catch (IOException e) {
          closed.countDown();
          throw e;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
    }).build();
  }

  /** Lets the server go on writing, which fails once the client closed the connection. */
  void release() {
    released.countDown();
  }

  /** Waits until the server saw the connection closed. */
  boolean awaitClosed() throws InterruptedException {
    return closed.await(10, TimeUnit.SECONDS);
  }
}
