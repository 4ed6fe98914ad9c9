package dev.llmgateway.server.providers.openai;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.StreamSink;
import dev.llmgateway.server.providers.http.UpstreamHttp;
import dev.llmgateway.v1.CompleteStreamResponse;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.annotation.Nullable;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;

/**
 * Bridges one upstream event stream to a {@link StreamSink}: forwards each translated chunk as soon as
 * its event is parsed and ends the sink exactly once. Only {@code [DONE]} completes the stream; ending
 * before it is a failure even when the final chunk already went out, since the server did not finish.
 *
 * <p>All callbacks arrive on the OkHttp thread that reads the stream, so the sink is only ever called
 * from there; {@link #cancel()} only flags the stream, and OkHttp's failure callback for the cancelled
 * call then delivers CANCELLED.
 */
final class OpenAiStreamListener extends EventSourceListener {
  private final OpenAiStreamTranslator translator;
  private final OpenAiErrors errors;
  private final UpstreamHttp http;
  private final StreamSink sink;
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile boolean cancelled;
  private boolean opened;

  OpenAiStreamListener(OpenAiStreamTranslator translator, OpenAiErrors errors, UpstreamHttp http, StreamSink sink) {
    this.translator = translator;
    this.errors = errors;
    this.http = http;
    this.sink = sink;
  }

  /** Marks the stream cancelled by the caller: no chunk is forwarded after this returns. */
  void cancel() {
    cancelled = true;
  }

  @Override
  public void onOpen(EventSource source, Response response) {
    opened = true;
  }

  @Override
  public void onEvent(EventSource source, @Nullable String id, @Nullable String type, String data) {
    if (cancelled || ended.get()) {
      return;
    }
    List<CompleteStreamResponse> chunks;
    try {
      chunks = translator.onEvent(type, data);
    } catch (GatewayException e) {
      // An error event or a malformed one: nothing after it can be trusted, so stop reading.
      source.cancel();
      end(e);
      return;
    }
    for (CompleteStreamResponse chunk : chunks) {
      if (cancelled) {
        return;
      }
      sink.onChunk(chunk);
    }
    if (translator.isDone()) {
      end(null);
    }
  }

  @Override
  public void onClosed(EventSource source) {
    // [DONE] ends the stream before EOF, so reaching here means the server stopped short of it.
    end(cancelled ? errors.cancelled(null) : errors.truncated(null));
  }

  @Override
  public void onFailure(EventSource source, @Nullable Throwable t, @Nullable Response response) {
    if (ended.get()) {
      return;
    }
    if (cancelled) {
      end(errors.cancelled(t));
    } else if (response != null && !response.isSuccessful()) {
      end(errors.fromResponse(response));
    } else if (!opened && response != null) {
      // A 2xx that is not text/event-stream: the server ignored "stream" or answered something else.
      end(errors.protocolError("the stream request was not answered with an event stream", t));
    } else if (t instanceof IOException e) {
      GatewayException failure = http.ioFailure(e, false);
      // A connection lost mid-stream is a truncated answer, which the caller should hear as such.
      end(opened && failure.kind() == ErrorKind.PROVIDER_UNAVAILABLE ? errors.truncated(e) : failure);
    } else {
      end(GatewayException.builder(ErrorKind.INTERNAL, "the stream failed unexpectedly")
          .provider(http.provider()).cause(t).build());
    }
  }

  private void end(@Nullable GatewayException error) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    if (error == null) {
      sink.onComplete();
    } else {
      sink.onError(error);
    }
  }
}
