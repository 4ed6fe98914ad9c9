package dev.llmgateway.server.providers.cohere;

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
import dev.llmgateway.server.providers.http.PagedListing;
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
 * Speaks Cohere's HTTP API: {@code POST /v2/chat} (whole or streamed as server-sent events),
 * {@code POST /v2/embed} and {@code GET /v1/models}, authenticated with a bearer key. Translation lives
 * in the writers and translators, classification in {@link CohereErrors}: this class only sends requests
 * and routes what comes back. Thread-safe.
 */
final class CohereAdapter implements ProviderAdapter {
  /** Asks for as many models per page as the provider allows. */
  private static final int MODEL_PAGE_SIZE = 1000;
  /** Bounds the model listing, so a provider that keeps paging cannot loop it forever. */
  private static final int MAX_MODEL_PAGES = 50;

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
    // GET /v1/models pages: page_size, then page_token = the previous page's next_page_token.
    HttpUrl first = settings.modelsUrl().newBuilder()
        .addQueryParameter("page_size", Integer.toString(MODEL_PAGE_SIZE)).build();
    return PagedListing.start(settings.provider(), MAX_MODEL_PAGES, first, (page, into) -> {
      String next = responses.modelPage(page, into);
      return next == null ? null : first.newBuilder().setQueryParameter("page_token", next).build();
    }, sink, (url, page) -> call(authorized(http.newRequest(url.toString())).get().build(), timeout, "model", page,
        in -> Json.parse(in.bytes())));
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
