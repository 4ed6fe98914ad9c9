package dev.llmgateway.server.providers.ollama;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.StreamSink;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.server.providers.http.UpstreamHttp;
import dev.llmgateway.v1.CompleteStreamResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * Reads one NDJSON chat stream line by line on the OkHttp dispatcher thread that received the response,
 * and forwards each line's chunk as soon as the line is complete: no SSE framing, no buffering of the
 * whole body. Exactly one terminal callback follows. Only the {@code "done": true} line completes the
 * stream; a body that ends before it fails with PROVIDER_UNAVAILABLE, a malformed line with
 * PROVIDER_PROTOCOL_ERROR (returning closes the body, which drops the connection), and an error line
 * classified. After {@link #cancel} the sink gets at most one onError of kind CANCELLED.
 *
 * <p>The sink is only called from the reading thread, and before the response from OkHttp's failure
 * callback; only the terminal transition races with {@link #cancel}, so it alone is atomic.
 */
final class OllamaStreamReader implements UpstreamHttp.ResponseHandler {
  /** Bounds one line, so a server that never sends a newline cannot fill memory; lines are small. */
  static final long MAX_LINE_BYTES = 8L * 1024 * 1024;

  private static final int OPEN = 0;
  private static final int CANCELLING = 1;
  private static final int DONE = 2;

  private final OllamaStreamTranslator translator;
  private final OllamaErrors errors;
  private final UpstreamHttp http;
  private final StreamSink sink;
  private final AtomicInteger state = new AtomicInteger(OPEN);

  OllamaStreamReader(OllamaStreamTranslator translator, OllamaErrors errors, UpstreamHttp http, StreamSink sink) {
    this.translator = requireNonNull(translator, "translator");
    this.errors = requireNonNull(errors, "errors");
    this.http = requireNonNull(http, "http");
    this.sink = requireNonNull(sink, "sink");
  }

  /**
   * Cancels the stream: closing the call makes the blocked read fail on the reading thread, which then
   * delivers CANCELLED, so the sink is never called from two threads at once.
   */
  void cancel(UpstreamCall upstream) {
    state.compareAndSet(OPEN, CANCELLING);
    upstream.cancel();
  }

  @Override
  public void onResponse(Response response) {
    if (!response.isSuccessful()) {
      byte[] body;
      try {
        body = response.peekBody(OllamaErrors.MAX_ERROR_BODY).bytes();
      } catch (IOException e) {
        // The status still classifies the failure when its body cannot be read.
        body = new byte[0];
      }
      finish(errors.fromResponse(response.code(), response.headers(), body, "messages"));
      return;
    }
    BufferedSource source = response.body().source();
    try {
      Line line;
      while (state.get() == OPEN && (line = nextLine(source)) != null) {
        if (!line.text().isBlank() && !forward(line)) {
          return;
        }
      }
      // The body ended (or the call was cancelled) before the done line.
      finish(errors.truncated(null));
    } catch (IOException e) {
      GatewayException failure = http.ioFailure(e, state.get() == CANCELLING);
      finish(failure.kind() == ErrorKind.PROVIDER_UNAVAILABLE ? errors.truncated(e) : failure);
    } catch (GatewayException e) {
      // A line too long to be one of Ollama's.
      finish(e);
    }
  }

  @Override
  public void onFailure(GatewayException error) {
    // OkHttp enforces the call timeout by cancelling the call, which the shared plumbing reports as
    // CANCELLED too; only our own state says whether the caller cancelled.
    if (error.kind() == ErrorKind.CANCELLED && state.get() == OPEN && error.getCause() instanceof IOException e) {
      finish(http.ioFailure(e, false));
    } else {
      finish(errors.unreachable(error));
    }
  }

  /** Translates and forwards one line; returns false when the stream ended with it. */
  private boolean forward(Line line) {
    CompleteStreamResponse chunk;
    try {
      chunk = translator.onLine(line.text());
    } catch (GatewayException e) {
      // Ollama ends every line with a newline: an unparsable remainder at the end of the body is a line
      // the connection cut short, not a malformed one.
      boolean cut = !line.terminated() && e.kind() == ErrorKind.PROVIDER_PROTOCOL_ERROR;
      finish(cut ? errors.truncated(e) : e);
      return false;
    }
    if (chunk != null) {
      try {
        sink.onChunk(chunk);
      } catch (RuntimeException e) {
        // The sink is gateway code; a fault there must still end the stream once, as INTERNAL.
        finish(GatewayException.builder(ErrorKind.INTERNAL, "the stream from provider '" + http.provider()
            + "' could not be relayed").provider(http.provider()).cause(e).build());
        return false;
      }
    }
    if (translator.finished()) {
      finish(null);
      return false;
    }
    return true;
  }

  /**
   * Returns the next line without its line break, or null at the end of the body. Blocks until a whole
   * line has arrived, however the body was split into chunks.
   */
  @Nullable
  private Line nextLine(BufferedSource source) throws IOException {
    long newline = source.indexOf((byte) '\n', 0, MAX_LINE_BYTES);
    if (newline == -1) {
      if (source.getBuffer().size() >= MAX_LINE_BYTES) {
        throw errors.protocolError("a stream line is longer than " + MAX_LINE_BYTES + " bytes", null);
      }
      // End of body: what is left is a last line without its newline.
      return source.exhausted() ? null : new Line(source.readString(StandardCharsets.UTF_8), false);
    }
    String line = source.readString(newline, StandardCharsets.UTF_8);
    source.skip(1);
    return new Line(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line, true);
  }

  /** Holds one line of the body and whether its newline arrived. */
  private record Line(String text, boolean terminated) {}

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
