package dev.llmgateway.server.providers.openai;

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
 * Speaks the OpenAI HTTP API ({@code /chat/completions}, {@code /embeddings}, {@code /models}) to OpenAI
 * and the servers that copy it: Mistral, Groq, vLLM, Ollama's OpenAI endpoint and others. Base URL and
 * extra headers come from configuration; the API key, when there is one, goes as a bearer token.
 * Translation lives in the translators and classification in {@link OpenAiErrors}: this class only
 * sends requests and routes what comes back. Thread-safe.
 */
final class OpenAiAdapter implements ProviderAdapter {
  private final UpstreamHttp http;
  private final OpenAiSettings settings;
  private final OpenAiErrors errors;
  private final OpenAiTranslator requests;
  private final OpenAiResponseTranslator responses;
  private final OpenAiEmbeddingsReader embeddings;

  OpenAiAdapter(UpstreamHttp http, OpenAiSettings settings, Clock clock) {
    this.http = http;
    this.settings = settings;
    this.errors = new OpenAiErrors(settings.provider(), clock);
    this.requests = new OpenAiTranslator(settings.maxTokensField());
    this.responses = new OpenAiResponseTranslator(settings.provider(), errors);
    this.embeddings = new OpenAiEmbeddingsReader(settings.provider(), errors);
  }

  @Override
  public UpstreamCall complete(ProviderRequest<CompleteRequest> request, ResultSink<CompleteResponse> sink) {
    RequestBody body;
    try {
      body = requests.chatBody(request.request(), request.upstreamModel(), false);
    } catch (GatewayException e) {
      sink.onError(e);
      return UpstreamCall.DONE;
    }
    return call(post(settings.chatUrl(), body).build(), request.timeout(), sink,
        in -> responses.completion(Json.parse(in.bytes()), request.requestId(), request.upstreamModel()));
  }

  @Override
  public UpstreamCall stream(ProviderRequest<CompleteRequest> request, StreamSink sink) {
    RequestBody body;
    try {
      body = requests.chatBody(request.request(), request.upstreamModel(), true);
    } catch (GatewayException e) {
      sink.onError(e);
      return UpstreamCall.DONE;
    }
    OpenAiStreamTranslator translator =
        new OpenAiStreamTranslator(settings.provider(), errors, request.requestId(), request.upstreamModel());
    OpenAiStreamListener listener = new OpenAiStreamListener(translator, errors, http, sink);
    Request upstream = post(settings.chatUrl(), body).header("Accept", "text/event-stream").build();
    UpstreamCall call = http.openEventStream(upstream, listener);
    return () -> {
      listener.cancel();
      call.cancel();
    };
  }

  @Override
  public UpstreamCall embed(ProviderRequest<EmbedRequest> request, ResultSink<EmbedResponse> sink) {
    EmbedRequest embed = request.request();
    RequestBody body = requests.embeddingsBody(embed, request.upstreamModel());
    return call(post(settings.embeddingsUrl(), body).build(), request.timeout(), sink,
        in -> embeddings.read(in.byteStream(), embed.getInputsCount(), request.upstreamModel()));
  }

  @Override
  public UpstreamCall listModels(@Nullable Duration timeout, ResultSink<List<DiscoveredModel>> discovered) {
    ResultSink<List<String>> sink = ResultSink.converting(discovered,
        ids -> ids.stream().map(id -> DiscoveredModel.named(id, "")).toList());
    Request request = authorized(http.newRequest(settings.modelsUrl().toString())).get().build();
    return call(request, timeout, sink, in -> responses.modelIds(Json.parse(in.bytes())));
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
   */
  private <T> UpstreamCall call(Request request, @Nullable Duration timeout, ResultSink<T> sink, BodyReader<T> reader) {
    AtomicBoolean cancelled = new AtomicBoolean();
    UpstreamCall upstream = http.send(request, timeout, new UpstreamHttp.ResponseHandler() {
      @Override
      public void onResponse(Response response) {
        deliver(response, reader, sink, cancelled);
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

  private <T> void deliver(Response response, BodyReader<T> reader, ResultSink<T> sink, AtomicBoolean cancelled) {
    T result;
    try {
      if (!response.isSuccessful()) {
        sink.onError(cancelled.get() ? errors.cancelled(null) : errors.fromResponse(response));
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

  /** Creates one adapter per configured OpenAI-compatible provider, all on the shared HTTP client. */
  @Singleton
  static final class Factory implements ProviderAdapter.Factory {
    private final OkHttpClient shared;

    @Inject
    Factory(OkHttpClient shared) {
      this.shared = shared;
    }

    @Override
    public ProviderAdapter create(ProviderConfig config) {
      OpenAiSettings settings = OpenAiSettings.from(config);
      return new OpenAiAdapter(new UpstreamHttp(shared, config), settings, Clock.systemUTC());
    }
  }
}
