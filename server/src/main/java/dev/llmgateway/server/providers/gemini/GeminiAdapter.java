package dev.llmgateway.server.providers.gemini;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.llmgateway.v1.CountTokensRequest;
import dev.llmgateway.v1.CountTokensResponse;
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
 * Calls the Gemini API (Generative Language API) over HTTP: {@code generateContent},
 * {@code streamGenerateContent?alt=sse}, {@code embedContent} / {@code batchEmbedContents},
 * {@code countTokens} and {@code GET /models}, authenticated with the {@code x-goog-api-key} header (never
 * the {@code key} query parameter, since URLs end up in logs). Translation lives in the writers and
 * translators, classification in {@link GeminiErrors}: this class only sends requests and routes what
 * comes back. Thread-safe.
 */
final class GeminiAdapter implements ProviderAdapter {
  /** Error bodies are short; a longer one is cut and then classified by status if it no longer parses. */

  private final GeminiSettings settings;
  private final UpstreamHttp http;
  private final String provider;
  private final GeminiErrors errors;
  private final GeminiRequestWriter writer;
  private final GeminiTranslator translator;
  private final GeminiEmbeddings embeddings;
  private final GeminiModels models;

  GeminiAdapter(GeminiSettings settings, UpstreamHttp http, Clock clock) {
    this.settings = requireNonNull(settings, "settings");
    this.http = requireNonNull(http, "http");
    this.provider = http.provider();
    this.errors = new GeminiErrors(provider, clock);
    this.writer = new GeminiRequestWriter(provider);
    this.translator = new GeminiTranslator(provider, errors);
    this.embeddings = new GeminiEmbeddings(errors);
    this.models = new GeminiModels(errors);
  }

  @Override
  public UpstreamCall complete(ProviderRequest<CompleteRequest> request, ResultSink<CompleteResponse> sink) {
    String model = request.upstreamModel();
    Request upstream;
    try {
      upstream = post(settings.methodUrl(model, "generateContent"), writer.generateContent(request.request()))
          .build();
    } catch (GatewayException e) {
      sink.onError(e.withTarget(provider, null));
      return UpstreamCall.DONE;
    }
    return call(upstream, request.timeout(), sink,
        body -> translator.toResponse(Json.parse(body.bytes()), request.requestId(), model));
  }

  @Override
  public UpstreamCall stream(ProviderRequest<CompleteRequest> request, StreamSink sink) {
    String model = request.upstreamModel();
    Request upstream;
    try {
      HttpUrl url = settings.methodUrl(model, "streamGenerateContent").newBuilder()
          .addQueryParameter("alt", "sse").build();
      upstream = post(url, writer.generateContent(request.request())).header("Accept", "text/event-stream").build();
    } catch (GatewayException e) {
      sink.onError(e.withTarget(provider, null));
      return UpstreamCall.DONE;
    }
    GeminiStreamListener listener =
        new GeminiStreamListener(translator.newStream(request.requestId(), model), errors, http, sink);
    UpstreamCall call = http.openEventStream(upstream, listener);
    return () -> listener.cancel(call);
  }

  @Override
  public UpstreamCall embed(ProviderRequest<EmbedRequest> request, ResultSink<EmbedResponse> sink) {
    String model = request.upstreamModel();
    try {
      GeminiSettings.modelResource(model);
    } catch (GatewayException e) {
      sink.onError(e.withTarget(provider, null));
      return UpstreamCall.DONE;
    }
    GeminiEmbedPlan plan = new GeminiEmbedPlan(request.request(), provider, model, settings.embedBatchSize(),
        embeddings, (method, body) -> post(settings.methodUrl(model, method), body).build());
    GeminiCallChain.Fetcher<List<float[]>> fetcher = (upstream, answer) -> call(upstream, request.timeout(),
        answer, body -> embeddings.read(body.byteStream(), plan.expected()));
    // The API takes at most one batch per call: a request of n inputs needs ceil(n / batch size) calls.
    int maxCalls = Math.max(1, (request.request().getInputsCount() + settings.embedBatchSize() - 1)
        / settings.embedBatchSize());
    return new GeminiCallChain<>(plan, fetcher, sink, errors, maxCalls).start();
  }

  @Override
  public UpstreamCall listModels(@Nullable Duration timeout, ResultSink<List<DiscoveredModel>> sink) {
    GeminiModelPlan plan = new GeminiModelPlan(settings.modelsUrl(), models, url -> authorized(url).get().build());
    GeminiCallChain.Fetcher<JsonNode> fetcher =
        (upstream, page) -> call(upstream, timeout, page, body -> Json.parse(body.bytes()));
    return new GeminiCallChain<>(plan, fetcher, sink, errors, GeminiModelPlan.MAX_PAGES).start();
  }

  @Override
  public boolean countsTokens() {
    return true;
  }

  @Override
  public UpstreamCall countTokens(ProviderRequest<CountTokensRequest> request,
      ResultSink<CountTokensResponse> sink) {
    String model = request.upstreamModel();
    Request upstream;
    try {
      upstream = post(settings.methodUrl(model, "countTokens"),
          writer.countTokens(request.request(), GeminiSettings.modelResource(model))).build();
    } catch (GatewayException e) {
      sink.onError(e.withTarget(provider, null));
      return UpstreamCall.DONE;
    }
    return call(upstream, request.timeout(), sink, body -> translator.toCount(Json.parse(body.bytes()), model));
  }

  private Request.Builder post(HttpUrl url, RequestBody body) {
    return authorized(url).post(body);
  }

  private Request.Builder authorized(HttpUrl url) {
    Request.Builder builder = http.newRequest(url.toString());
    if (settings.apiKey() != null) {
      builder.header("x-goog-api-key", settings.apiKey().reveal());
    }
    return builder;
  }

  // Gemini's classifier takes the violated field from the error body, so no default field is given.
  private <T> UpstreamCall call(Request request, @Nullable Duration timeout, ResultSink<T> sink,
      WholeAnswerCall.BodyReader<T> reader) {
    return WholeAnswerCall.start(http, errors, request, timeout, "", sink, reader);
  }

  /** Creates one Gemini adapter per configured provider, all sharing one HTTP client. */
  @Singleton
  static final class Factory implements ProviderAdapter.Factory {
    private final OkHttpClient shared;

    @Inject
    Factory(OkHttpClient shared) {
      this.shared = requireNonNull(shared, "shared");
    }

    @Override
    public ProviderAdapter create(ProviderConfig config) {
      GeminiSettings settings = GeminiSettings.from(config);
      return new GeminiAdapter(settings, new UpstreamHttp(shared, config), Clock.systemUTC());
    }
  }
}
