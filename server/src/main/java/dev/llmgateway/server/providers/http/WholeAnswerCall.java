package dev.llmgateway.server.providers.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ResultSink;
import dev.llmgateway.server.providers.UpstreamCall;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.annotation.Nullable;
import okhttp3.Headers;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One whole-answer upstream request (not a stream) that delivers exactly one outcome: the parsed body on a
 * 2xx, the provider's classified error otherwise. After {@link UpstreamCall#cancel()} only CANCELLED can
 * follow. The provider supplies the classification; everything else is the same for every JSON provider.
 */
public final class WholeAnswerCall {
  /** Error bodies are short; a longer one is cut and then classified by status if it no longer parses. */
  private static final long MAX_ERROR_BODY = 64 * 1024;

  private WholeAnswerCall() {}

  /** How one provider names its failures. */
  public interface Classifier {
    /** Returns the error a non-2xx response stands for; {@code field} is the request field it points at. */
    GatewayException fromResponse(int status, Headers headers, byte[] body, String field);

    /** Returns the error for an answer that is not what the provider documents. */
    GatewayException protocolError(String detail, @Nullable Throwable cause);

    /** Returns the error for a call the caller cancelled. */
    GatewayException cancelled(@Nullable Throwable cause);

    /** Refines a failure before any answer (a refused connection, a timeout); unchanged by default. */
    default GatewayException unreachable(GatewayException failure) {
      return failure;
    }
  }

  /** Reads a 2xx response body into the result. */
  @FunctionalInterface
  public interface BodyReader<T> {
    T read(ResponseBody body) throws IOException;
  }

  /**
   * Sends {@code request} through {@code http} within {@code timeout} (none when null) and delivers the outcome
   * to {@code sink}; returns the handle that cancels it.
   *
   * @param field the request field a rejection without a more precise one points at
   */
  public static <T> UpstreamCall start(UpstreamHttp http, Classifier errors, Request request,
      @Nullable Duration timeout, String field, ResultSink<T> sink, BodyReader<T> reader) {
    AtomicBoolean cancelled = new AtomicBoolean();
    UpstreamCall upstream = http.send(request, timeout, new UpstreamHttp.ResponseHandler() {
      @Override
      public void onResponse(Response response) {
        deliver(http, errors, response, field, reader, sink, cancelled);
      }

      @Override
      public void onFailure(GatewayException error) {
        // OkHttp enforces the call timeout by cancelling the call, which the shared plumbing reports as
        // CANCELLED too; only our own flag says whether the caller cancelled.
        if (error.kind() == ErrorKind.CANCELLED && !cancelled.get() && error.getCause() instanceof IOException e) {
          sink.onError(http.ioFailure(e, false));
        } else {
          sink.onError(errors.unreachable(error));
        }
      }
    });
    return () -> {
      cancelled.set(true);
      upstream.cancel();
    };
  }

  private static <T> void deliver(UpstreamHttp http, Classifier errors, Response response, String field,
      BodyReader<T> reader, ResultSink<T> sink, AtomicBoolean cancelled) {
    T result;
    try {
      if (!response.isSuccessful()) {
        byte[] body = response.peekBody(MAX_ERROR_BODY).bytes();
        sink.onError(cancelled.get() ? errors.cancelled(null)
            : errors.fromResponse(response.code(), response.headers(), body, field));
        return;
      }
      result = reader.read(response.body());
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
}
