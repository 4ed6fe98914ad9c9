package dev.llmgateway.server.providers.gemini;

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
 * Bridges one Gemini event stream to a {@link StreamSink}: each event is translated and forwarded at
 * once, and exactly one terminal callback follows. Gemini ends a stream by ending the body, so the end
 * of the body completes it, with the last chunk, when an event carried a finish reason, and fails it with
 * PROVIDER_UNAVAILABLE otherwise; a connection lost mid-stream fails it the same way. A malformed event,
 * an {@code error} event or a blocked prompt fails it classified and cancels the upstream. After
 * {@link #cancel} the sink gets at most one onError of kind CANCELLED.
 *
 * <p>OkHttp calls the listener from one reader thread; only the terminal transition races with
 * {@link #cancel}, so it alone goes through an atomic state.
 */
final class GeminiStreamListener extends EventSourceListener {
  private static final int OPEN = 0;
  private static final int CANCELLING = 1;
  private static final int DONE = 2;

  private final GeminiStreamTranslator translator;
  private final GeminiErrors errors;
  private final UpstreamHttp http;
  private final StreamSink sink;
  private final AtomicInteger state = new AtomicInteger(OPEN);
  private boolean opened;

  GeminiStreamListener(GeminiStreamTranslator translator, GeminiErrors errors, UpstreamHttp http, StreamSink sink) {
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
      chunk = translator.onEvent(data);
    } catch (GatewayException e) {
      // Nothing after a malformed or error event can be trusted: stop reading.
      source.cancel();
      finish(e);
      return;
    }
    if (chunk != null) {
      sink.onChunk(chunk);
    }
  }

  @Override
  public void onClosed(EventSource source) {
    if (state.get() != OPEN) {
      finish(null);
      return;
    }
    CompleteStreamResponse last;
    try {
      last = translator.finish();
    } catch (GatewayException truncated) {
      finish(truncated);
      return;
    }
    sink.onChunk(last);
    finish(null);
  }

  @Override
  public void onFailure(EventSource source, @Nullable Throwable t, @Nullable Response response) {
    finish(classify(t, response));
  }

  private GatewayException classify(@Nullable Throwable t, @Nullable Response response) {
    if (response != null && !response.isSuccessful()) {
      byte[] body;
      try {
        body = response.body().bytes();
      } catch (IOException e) {
        // The status still classifies the failure when its body cannot be read.
        body = new byte[0];
      }
      return errors.fromResponse(response.code(), response.headers(), body);
    }
    if (response != null && !opened) {
      return errors.protocolError("answered with content type '" + response.header("content-type")
          + "' instead of an event stream", t);
    }
    if (t instanceof IOException io) {
      GatewayException failure = http.ioFailure(io, state.get() == CANCELLING);
      // A connection lost after the stream opened cut the answer short, which the caller hears as such.
      return opened && failure.kind() == ErrorKind.PROVIDER_UNAVAILABLE ? errors.truncated(io) : failure;
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
