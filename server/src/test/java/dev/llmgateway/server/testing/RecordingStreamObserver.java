package dev.llmgateway.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records a stream's messages and its end, with waits bounded by a timeout. */
public final class RecordingStreamObserver<T> implements StreamObserver<T> {
  private final List<T> messages = new CopyOnWriteArrayList<>();
  private final BlockingQueue<T> arrivals = new LinkedBlockingQueue<>();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile Throwable error;

  @Override
  public void onNext(T value) {
    messages.add(value);
    arrivals.add(value);
  }

  @Override
  public void onError(Throwable t) {
    error = t;
    done.countDown();
  }

  @Override
  public void onCompleted() {
    done.countDown();
  }

  /** Waits for the next message, failing if none arrives in time. */
  public T awaitNext(Duration timeout) throws InterruptedException {
    T next = arrivals.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    if (next == null) {
      throw new AssertionError("no message within " + timeout);
    }
    return next;
  }

  /** Waits for the stream to end, failing if it does not in time. */
  public RecordingStreamObserver<T> awaitCompletion(Duration timeout) throws InterruptedException {
    if (!done.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
      throw new AssertionError("stream did not end within " + timeout);
    }
    return this;
  }

  /** Returns every message received so far. */
  public List<T> messages() {
    return List.copyOf(messages);
  }

  /** Returns the error the stream ended with, or null. */
  public Throwable error() {
    return error;
  }

  /** Returns the status the stream ended with (OK when it completed). */
  public Status status() {
    return error == null ? Status.OK : Status.fromThrowable(error);
  }

  /** Asserts that the stream completed successfully. */
  public void assertSucceeded() {
    assertThat(done.getCount()).as("stream ended").isZero();
    assertThat(error).as("stream error").isNull();
  }
}
