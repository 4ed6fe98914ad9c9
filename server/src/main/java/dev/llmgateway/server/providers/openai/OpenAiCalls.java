package dev.llmgateway.server.providers.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ResultSink;
import dev.llmgateway.server.providers.StreamSink;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.server.providers.http.UpstreamHttp;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.annotation.Nullable;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends the requests every adapter of this package makes and delivers exactly one classified outcome
 * per call: whole answers (parsed by a {@link BodyReader} on a 2xx, classified otherwise) and event
 * streams (translated chunk by chunk). The adapters only decide URLs, headers and bodies. Thread-safe.
 */
final class OpenAiCalls {
  private final UpstreamHttp http;
  private final OpenAiErrors errors;

  OpenAiCalls(UpstreamHttp http, OpenAiErrors errors) {
    this.http = http;
    this.errors = errors;
  }

  /** Returns the shared client view, for building requests with the provider's configured headers. */
  UpstreamHttp http() {
    return http;
  }

  /**
   * Sends a whole-answer request and delivers exactly one outcome: the parsed body on a 2xx, the
   * classified error otherwise. After {@link UpstreamCall#cancel()} only CANCELLED can follow.
   *
   * @param field the request field a rejection is charged to when the provider names none
   */
  <T> UpstreamCall call(Request request, @Nullable Duration timeout, ResultSink<T> sink, String field,
      BodyReader<T> reader) {
    AtomicBoolean cancelled = new AtomicBoolean();
    UpstreamCall upstream = http.send(request, timeout, new UpstreamHttp.ResponseHandler() {
      @Override
      public void onResponse(Response response) {
        deliver(response, reader, sink, field, cancelled);
      }

      @Override
      public void onFailure(GatewayException error) {
        // OkHttp cancels a call whose timeout fired, so UpstreamHttp reports CANCELLED for it too;
        // only our own flag says whether the caller cancelled.
        if (error.kind() == ErrorKind.CANCELLED && !cancelled.get() && error.getCause() instanceof IOException e) {
          sink.onError(http.ioFailure(e, false));
        } else {
          sink.onError(error);
        }
      }
    });
    return () -> {
      cancelled.set(true);
      upstream.cancel();
    };
  }

  /**
   * Opens an event stream whose events {@code translator} turns into chunks for {@code sink}; see
   * {@link OpenAiStreamListener} for how the stream ends.
   */
  UpstreamCall stream(Request request, OpenAiStreamTranslator translator, StreamSink sink) {
    OpenAiStreamListener listener = new OpenAiStreamListener(translator, errors, http, sink);
    UpstreamCall call = http.openEventStream(request.newBuilder().header("Accept", "text/event-stream").build(),
        listener);
    return () -> {
      listener.cancel();
      call.cancel();
    };
  }

  private <T> void deliver(Response response, BodyReader<T> reader, ResultSink<T> sink, String field,
      AtomicBoolean cancelled) {
    T result;
    try {
      if (!response.isSuccessful()) {
        sink.onError(cancelled.get() ? errors.cancelled(null) : errors.fromResponse(response, field));
        return;
      }
      result = reader.read(response);
    } catch (JsonProcessingException e) {
      sink.onError(errors.protocolError("the response body is not valid JSON", e));
      return;
    } catch (IOException e) {
      sink.onError(cancelled.get() ? errors.cancelled(e) : http.ioFailure(e, false));
      return;
    } catch (GatewayException e) {
      sink.onError(e);
      return;
    }
    if (cancelled.get()) {
      sink.onError(errors.cancelled(null));
    } else {
      sink.onSuccess(result);
    }
  }

  /** Reads a 2xx response (its body, and headers where they carry part of the answer) into the result. */
  @FunctionalInterface
  interface BodyReader<T> {
    T read(Response response) throws IOException;
  }
}
