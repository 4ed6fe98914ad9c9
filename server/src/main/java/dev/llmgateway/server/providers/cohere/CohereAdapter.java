package dev.llmgateway.server.providers.cohere;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.DiscoveredModel;
import dev.llmgateway.server.providers.ProviderAdapter;
import dev.llmgateway.server.providers.ProviderRequest;
import dev.llmgateway.server.providers.ResultSink;
import dev.llmgateway.server.providers.StreamSink;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.server.providers.http.UpstreamHttp;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.EmbedResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.annotation.Nullable;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Speaks Cohere's HTTP API: {@code POST /v2/chat} (whole or streamed as server-sent events),
 * {@code POST /v2/embed} and {@code GET /v1/models}, authenticated with a bearer key. Translation lives
 * in the writers and translators, classification in {@link CohereErrors}: this class only sends requests
 * and routes what comes back. Thread-safe.
 */
final class CohereAdapter implements ProviderAdapter {
  private final UpstreamHttp http;
  private final CohereSettings settings;
  private final CohereErrors errors;
  private final CohereRequestWriter requests;
  private final CohereTranslator responses;
  private final CohereEmbedReader embeddings;

  CohereAdapter(UpstreamHttp http, CohereSettings settings, Clock clock) {
    this.http = http;
    this.settings = settings;
    this.errors = new CohereErrors(settings.provider(), clock);
    this.requests = new CohereRequestWriter(settings.embedInputType());
    this.responses = new CohereTranslator(settings.provider(), errors);
    this.embeddings = new CohereEmbedReader(settings.provider(), errors);
  }

  @Override
  public UpstreamCall complete(ProviderRequest<CompleteRequest> request, ResultSink<CompleteResponse> sink) {
    RequestBody body;
    try {
      body = requests.chatBody(request.request(), request.upstreamModel(), false);
    } catch (GatewayException e) {
      sink.onError(e.withTarget(settings.provider(), null));
      return UpstreamCall.DONE;
    }
    return call(post(settings.chatUrl(), body).build(), request.timeout(), "messages", sink,
        in -> responses.completion(Json.parse(in.bytes()), request.requestId(), request.upstreamModel()));
  }

  @Override
  public UpstreamCall stream(ProviderRequest<CompleteRequest> request, StreamSink sink) {
    RequestBody body;
    try {
      body = requests.chatBody(request.request(), request.upstreamModel(), true);
    } catch (GatewayException e) {
      sink.onError(e.withTarget(settings.provider(), null));
      return UpstreamCall.DONE;
    }
    CohereStreamTranslator translator =
        new CohereStreamTranslator(settings.provider(), request.upstreamModel(), request.requestId(), errors);
    CohereStreamListener listener = new CohereStreamListener(translator, errors, http, sink);
    Request upstream = post(settings.chatUrl(), body).header("Accept", "text/event-stream").build();
    UpstreamCall call = http.openEventStream(upstream, listener);
    return () -> listener.cancel(call);
  }

  @Override
  public UpstreamCall embed(ProviderRequest<EmbedRequest> request, ResultSink<EmbedResponse> sink) {
    EmbedRequest embed = request.request();
    RequestBody body;
    try {
      body = requests.embedBody(embed, request.upstreamModel());
    } catch (GatewayException e) {
      sink.onError(e.withTarget(settings.provider(), null));
      return UpstreamCall.DONE;
    }
    return call(post(settings.embedUrl(), body).build(), request.timeout(), "inputs", sink,
        in -> embeddings.read(in.byteStream(), embed.getInputsCount(), request.upstreamModel()));
  }

  @Override
  public UpstreamCall listModels(@Nullable Duration timeout, ResultSink<List<DiscoveredModel>> sink) {
    CohereModelPages pages = new CohereModelPages(settings.provider(), settings.modelsUrl(), responses, sink,
        (url, page) -> call(authorized(http.newRequest(url.toString())).get().build(), timeout, "model", page,
            in -> Json.parse(in.bytes())));
    pages.start();
    return pages::cancel;
  }

  private Request.Builder post(HttpUrl url, RequestBody body) {
    return authorized(http.newRequest(url.toString())).post(body);
  }

  private Request.Builder authorized(Request.Builder builder) {
    if (settings.apiKey() != null) {
      builder.header("Authorization", "Bearer " + settings.apiKey().reveal());
    }
    return builder;
  }

  /**
   * Sends a whole-answer request and delivers exactly one outcome: the parsed body on a 2xx, the
   * classified error otherwise. After {@link UpstreamCall#cancel()} only CANCELLED can follow.
   *
   * @param field the request field a rejection without a more precise one points at
   */
  private <T> UpstreamCall call(Request request, @Nullable Duration timeout, String field, ResultSink<T> sink,
      BodyReader<T> reader) {
    AtomicBoolean cancelled = new AtomicBoolean();
    UpstreamCall upstream = http.send(request, timeout, new UpstreamHttp.ResponseHandler() {
      @Override
      public void onResponse(Response response) {
        deliver(response, field, reader, sink, cancelled);
      }

      @Override
      public void onFailure(GatewayException error) {
        // OkHttp enforces the call timeout by cancelling the call, which the shared plumbing reports as
        // CANCELLED too; only our own flag says whether the caller cancelled.
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

  private <T> void deliver(Response response, String field, BodyReader<T> reader, ResultSink<T> sink,
      AtomicBoolean cancelled) {
    T result;
    try {
      if (!response.isSuccessful()) {
        byte[] body = response.peekBody(CohereErrors.MAX_ERROR_BODY).bytes();
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

  /** Reads a 2xx response body into the result. */
  @FunctionalInterface
  private interface BodyReader<T> {
    T read(ResponseBody body) throws IOException;
  }

  /** Creates one adapter per configured Cohere provider, all on the shared HTTP client. */
  @Singleton
  static final class Factory implements ProviderAdapter.Factory {
    private final OkHttpClient shared;

    @Inject
    Factory(OkHttpClient shared) {
      this.shared = shared;
    }

    @Override
    public ProviderAdapter create(ProviderConfig config) {
      CohereSettings settings = CohereSettings.from(config);
      return new CohereAdapter(new UpstreamHttp(shared, config), settings, Clock.systemUTC());
    }
  }
}
