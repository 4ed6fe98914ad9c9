package dev.llmgateway.server.providers.cohere;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.StreamSink;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.server.providers.http.UpstreamHttp;
import dev.llmgateway.v1.CompleteStreamResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;

/**
 * Bridges one server-sent event stream to a {@link StreamSink}: each event is translated and forwarded at
 * once, and exactly one terminal callback follows. Only {@code message-end} completes the stream; a body
 * that ends before it fails with PROVIDER_UNAVAILABLE, and a malformed event fails with
 * PROVIDER_PROTOCOL_ERROR and cancels the upstream. After {@link #cancel} the sink gets at most one
 * onError of kind CANCELLED.
 *
 * <p>OkHttp calls the listener from the one thread that reads the stream; only the terminal transition
 * races with {@link #cancel}, so it alone goes through an atomic state.
 */
final class CohereStreamListener extends EventSourceListener {
  private static final int OPEN = 0;
  private static final int CANCELLING = 1;
  private static final int DONE = 2;

  private final CohereStreamTranslator translator;
  private final CohereErrors errors;
  private final UpstreamHttp http;
  private final StreamSink sink;
  private final AtomicInteger state = new AtomicInteger(OPEN);
  private boolean opened;

  CohereStreamListener(CohereStreamTranslator translator, CohereErrors errors, UpstreamHttp http, StreamSink sink) {
    this.translator = requireNonNull(translator, "translator");
    this.errors = requireNonNull(errors, "errors");
    this.http = requireNonNull(http, "http");
    this.sink = requireNonNull(sink, "sink");
  }

  /**
   * Cancels the stream: OkHttp then reports the aborted read on its own thread, where the sink gets its
   * CANCELLED error, so the sink is never called from two threads at once.
   */
  void cancel(UpstreamCall upstream) {
    state.compareAndSet(OPEN, CANCELLING);
    upstream.cancel();
  }

  @Override
  public void onOpen(EventSource source, Response response) {
    opened = true;
  }

  @Override
  public void onEvent(EventSource source, @Nullable String id, @Nullable String type, String data) {
    if (state.get() != OPEN) {
      return;
    }
    CompleteStreamResponse chunk;
    try {
      chunk = translator.onEvent(type, data);
    } catch (GatewayException e) {
      finish(e);
      source.cancel();
      return;
    }
    if (chunk != null) {
      sink.onChunk(chunk);
    }
    if (translator.finished()) {
      finish(null);
    }
  }

  @Override
  public void onClosed(EventSource source) {
    // message-end completes the stream before EOF, so a close while still open means Cohere stopped short.
    finish(errors.truncated(null));
  }

  @Override
  public void onFailure(EventSource source, @Nullable Throwable t, @Nullable Response response) {
    if (state.get() == DONE) {
      return;
    }
    finish(classify(t, response));
  }

  private GatewayException classify(@Nullable Throwable t, @Nullable Response response) {
    if (response != null && !response.isSuccessful()) {
      byte[] body;
      try {
        body = response.peekBody(CohereErrors.MAX_ERROR_BODY).bytes();
      } catch (IOException e) {
        // The status still classifies the failure when its body cannot be read.
        body = new byte[0];
      }
      return errors.fromResponse(response.code(), response.headers(), body, "messages");
    }
    if (t instanceof IOException io) {
      GatewayException failure = http.ioFailure(io, state.get() == CANCELLING);
      // A connection lost mid-stream is a truncated answer, which the caller should hear as such.
      return opened && failure.kind() == ErrorKind.PROVIDER_UNAVAILABLE ? errors.truncated(io) : failure;
    }
    if (response != null && !opened) {
      return errors.protocolError("the stream request was answered with content type '"
          + response.header("content-type") + "' instead of an event stream", t);
    }
    if (t == null) {
      return errors.truncated(null);
    }
    // Anything else was thrown while handling an event (the sink included): a gateway fault.
    return GatewayException.builder(ErrorKind.INTERNAL, "the stream from provider '" + http.provider()
        + "' could not be relayed").provider(http.provider()).cause(t).build();
  }

  /** Makes the one terminal callback: null means success; a cancel that came first wins. */
  private void finish(@Nullable GatewayException error) {
    if (state.compareAndSet(OPEN, DONE)) {
      if (error == null) {
        sink.onComplete();
      } else {
        sink.onError(error);
      }
    } else if (state.compareAndSet(CANCELLING, DONE)) {
      sink.onError(errors.cancelled(error));
    }
  }
}
