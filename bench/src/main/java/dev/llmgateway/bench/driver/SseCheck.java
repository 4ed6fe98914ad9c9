package dev.llmgateway.bench.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import javax.annotation.Nullable;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;

/**
 * Checks one server-sent-event stream as OkHttp's reader hands over its events. The first problem is
 * kept and reported by {@link #finish()}; later events are still read so the connection stays reusable.
 */
abstract class SseCheck extends EventSourceListener {
  private final ObjectMapper mapper;
  @Nullable private CallFailure problem;
  private boolean closed;

  SseCheck(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Takes one event; throws when the event breaks the expected format. */
  abstract void event(@Nullable String type, String data) throws CallFailure;

  /** Checks the stream as a whole once it has ended. */
  abstract void complete() throws CallFailure;

  final JsonNode parse(String data) throws CallFailure {
    try {
      return mapper.readTree(data);
    } catch (IOException e) {
      throw new CallFailure("content: malformed JSON event", e);
    }
  }

  @Override
  public final void onEvent(EventSource source, @Nullable String id, @Nullable String type, String data) {
    if (problem != null) {
      return;
    }
    try {
      event(type, data);
    } catch (CallFailure failure) {
      problem = failure;
    }
  }

  @Override
  public final void onClosed(EventSource source) {
    closed = true;
  }

  @Override
  public final void onFailure(EventSource source, @Nullable Throwable t, @Nullable Response response) {
    if (problem == null) {
      problem = t == null
          ? new CallFailure("sse", "not an event stream (status " + (response == null ? "?" : response.code()) + ")")
          : new CallFailure("io " + t.getClass().getSimpleName(), t);
    }
  }

  final void finish() throws CallFailure {
    if (problem != null) {
      throw problem;
    }
    if (!closed) {
      throw new CallFailure("sse", "stream did not end normally");
    }
    complete();
  }
}
