package dev.llmgateway.server.providers.ollama;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.DiscoveredModel;
import dev.llmgateway.server.providers.ProviderAdapter;
import dev.llmgateway.server.providers.ProviderRequest;
import dev.llmgateway.server.providers.ResultSink;
import dev.llmgateway.server.providers.StreamSink;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.server.providers.http.UpstreamHttp;
import dev.llmgateway.server.providers.http.WholeAnswerCall;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.EmbedResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.annotation.Nullable;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Speaks Ollama's native HTTP API: {@code POST /api/chat} (whole, or streamed as newline-delimited
 * JSON read line by line), {@code POST /api/embed} and {@code GET /api/tags}. No key is needed; a
 * configured one goes as a bearer token. Translation lives in the writers and translators,
 * classification in {@link OllamaErrors}: this class only sends requests and routes what comes back.
 * Thread-safe.
 */
final class OllamaAdapter implements ProviderAdapter {
  private final UpstreamHttp http;
  private final OllamaSettings settings;
  private final OllamaErrors errors;
  private final OllamaRequestWriter requests;
  private final OllamaTranslator responses;
  private final OllamaEmbedReader embeddings;

  OllamaAdapter(UpstreamHttp http, OllamaSettings settings, Clock clock) {
    this.http = http;
    this.settings = settings;
    this.errors = new OllamaErrors(settings.provider(), settings.baseUrl(), clock);
    this.requests = new OllamaRequestWriter(settings);
    this.responses = new OllamaTranslator(settings.provider(), errors);
    this.embeddings = new OllamaEmbedReader(settings.provider(), errors);
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

  /**
   * Streams over the shared {@link UpstreamHttp#send}, which bounds the whole call by the caller's
   * deadline capped at the provider's request timeout (the event-stream path of SSE providers has only
   * the caller's deadline).
   */
  @Override
  public UpstreamCall stream(ProviderRequest<CompleteRequest> request, StreamSink sink) {
    RequestBody body;
    try {
      body = requests.chatBody(request.request(), request.upstreamModel(), true);
    } catch (GatewayException e) {
      sink.onError(e.withTarget(settings.provider(), null));
      return UpstreamCall.DONE;
    }
    OllamaStreamTranslator translator =
        new OllamaStreamTranslator(settings.provider(), request.requestId(), request.upstreamModel(), errors);
    OllamaStreamReader reader = new OllamaStreamReader(translator, errors, http, sink);
    Request upstream = post(settings.chatUrl(), body).header("Accept", "application/x-ndjson").build();
    UpstreamCall call = http.openStream(upstream, reader);
    return () -> reader.cancel(call);
  }

  @Override
  public UpstreamCall embed(ProviderRequest<EmbedRequest> request, ResultSink<EmbedResponse> sink) {
    EmbedRequest embed = request.request();
    RequestBody body = requests.embedBody(embed, request.upstreamModel());
    return call(post(settings.embedUrl(), body).build(), request.timeout(), "inputs", sink,
        in -> embeddings.read(in.byteStream(), embed.getInputsCount(), request.upstreamModel()));
  }

  @Override
  public UpstreamCall listModels(@Nullable Duration timeout, ResultSink<List<DiscoveredModel>> sink) {
    Request request = authorized(http.newRequest(settings.tagsUrl().toString())).get().build();
    return call(request, timeout, "model", sink, in -> responses.models(Json.parse(in.bytes())));
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

  private <T> UpstreamCall call(Request request, @Nullable Duration timeout, String field, ResultSink<T> sink,
      WholeAnswerCall.BodyReader<T> reader) {
    return WholeAnswerCall.start(http, errors, request, timeout, field, sink, reader);
  }

  /** Creates one adapter per configured Ollama server, all on the shared HTTP client. */
  @Singleton
  static final class Factory implements ProviderAdapter.Factory {
    private final OkHttpClient shared;

    @Inject
    Factory(OkHttpClient shared) {
      this.shared = shared;
    }

    @Override
    public ProviderAdapter create(ProviderConfig config) {
      OllamaSettings settings = OllamaSettings.from(config);
      return new OllamaAdapter(new UpstreamHttp(shared, config), settings, Clock.systemUTC());
    }
  }
}
