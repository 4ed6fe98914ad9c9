package dev.llmgateway.server.providers.bedrock;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.StreamSink;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.server.providers.http.UpstreamHttp;
import dev.llmgateway.v1.CompleteStreamResponse;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.annotation.Nullable;
import okhttp3.Response;
import okio.BufferedSource;
import software.amazon.eventstream.MessageDecoder;

/**
 * Bridges one ConverseStream response to a {@link StreamSink}. On the HTTP client's thread it reads the
 * body as bytes arrive, feeds them to the AWS event-stream {@link MessageDecoder}, and forwards each
 * decoded frame's chunk at once (never holding the body), then makes exactly one terminal callback. A body
 * that ends before the answer is complete fails with PROVIDER_UNAVAILABLE; a corrupt frame (bad CRC,
 * impossible lengths) with PROVIDER_PROTOCOL_ERROR; exception frames fail classified. Returning from the
 * handler closes the response, which closes the upstream connection when the body was not read to its
 * end. After {@link #cancel} the sink gets at most one onError of kind CANCELLED.
 *
 * <p>Only the terminal transition races with {@link #cancel}, so it alone goes through an atomic state.
 */
final class BedrockStreamReader implements UpstreamHttp.ResponseHandler {
  static final String EVENT_STREAM = "application/vnd.amazon.eventstream";
  private static final int OPEN = 0;
  private static final int CANCELLING = 1;
  private static final int DONE = 2;
  private static final int READ_SIZE = 8192;

  private final BedrockErrors errors;
  private final UpstreamHttp http;
  private final StreamSink sink;
  private final Function<Response, BedrockStreamTranslator> translators;
  private final AtomicInteger state = new AtomicInteger(OPEN);

  /** Creates a reader whose translator {@code translators} makes from the response's headers. */
  BedrockStreamReader(BedrockErrors errors, UpstreamHttp http, StreamSink sink,
      Function<Response, BedrockStreamTranslator> translators) {
    this.errors = requireNonNull(errors, "errors");
    this.http = requireNonNull(http, "http");
    this.sink = requireNonNull(sink, "sink");
    this.translators = requireNonNull(translators, "translators");
  }

  /**
   * Cancels the stream: the aborted call or read is then reported on the HTTP client's thread, where the
   * sink gets its CANCELLED error, so the sink is never called from two threads at once.
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
        body = response.body().bytes();
      } catch (IOException e) {
        // The status still classifies the failure when its body cannot be read.
        body = new byte[0];
      }
      finish(errors.fromResponse(response.code(), response.headers(), body));
      return;
    }
    String type = response.header("content-type", "");
    if (!type.toLowerCase(Locale.ROOT).startsWith(EVENT_STREAM)) {
      finish(errors.protocolError("answered with content type '" + type + "' instead of an event stream", null));
      return;
    }
    BedrockStreamTranslator translator = translators.apply(response);
    try {
      read(response.body().source(), translator);
    } catch (IOException e) {
      finish(http.ioFailure(e, state.get() == CANCELLING));
      return;
    } catch (GatewayException e) {
      finish(e);
      return;
    } catch (IllegalArgumentException | IllegalStateException | BufferUnderflowException e) {
      // What the AWS decoder throws for a frame whose CRCs, lengths or headers do not add up.
      finish(errors.protocolError("sent a corrupt event-stream frame", e));
      return;
    }
    if (translator.finished()) {
      finish(null);
    } else {
      finish(GatewayException.builder(ErrorKind.PROVIDER_UNAVAILABLE,
              "provider '" + http.provider() + "' ended the stream before the answer was complete")
          .provider(http.provider()).build());
    }
  }

  @Override
  public void onFailure(GatewayException error) {
    // OkHttp enforces the call timeout by cancelling the call; only a cancel of ours is a cancellation.
    boolean timedOut = error.kind() == ErrorKind.CANCELLED && state.get() == OPEN;
    finish(timedOut && error.getCause() instanceof IOException io ? http.ioFailure(io, false) : error);
  }

  private void read(BufferedSource source, BedrockStreamTranslator translator) throws IOException {
    MessageDecoder decoder = new MessageDecoder(message -> {
      CompleteStreamResponse chunk = translator.onMessage(message);
      if (chunk != null && state.get() == OPEN) {
        sink.onChunk(chunk);
      }
    });
    byte[] buffer = new byte[READ_SIZE];
    // read() returns as soon as any bytes arrived, so each frame is decoded and forwarded when complete.
    while (!translator.finished() && state.get() == OPEN) {
      int n = source.read(buffer);
      if (n == -1) {
        return;
      }
      decoder.feed(buffer, 0, n);
    }
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
      sink.onError(GatewayException.builder(ErrorKind.CANCELLED, "the call was cancelled")
          .provider(http.provider()).cause(error).build());
    }
  }
}
