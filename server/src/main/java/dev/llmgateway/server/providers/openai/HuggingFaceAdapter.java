package dev.llmgateway.server.providers.openai;

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
 * Speaks to Hugging Face's inference servers: Text Generation Inference (and Inference Endpoints running
 * it) through its OpenAI-compatible Messages API, {@code /v1/chat/completions} with server-sent event
 * streams, and Text Embeddings Inference through its native {@code /embed} or its {@code /v1/embeddings}.
 * The model is named in every request (TGI ignores it; Hugging Face's router needs it). The token,
 * when configured, goes as a bearer token. Model discovery reads the server's {@code /info}. Thread-safe.
 */
final class HuggingFaceAdapter implements ProviderAdapter {
  private final HuggingFaceSettings settings;
  private final OpenAiCalls calls;
  private final OpenAiErrors errors;
  private final OpenAiTranslator requests;
  private final OpenAiResponseTranslator responses;
  private final OpenAiEmbeddingsReader openAiEmbeddings;
  private final TeiEmbeddingsReader teiEmbeddings;
  private final HuggingFaceInfoReader info;

  HuggingFaceAdapter(UpstreamHttp http, HuggingFaceSettings settings, Clock clock) {
    this.settings = settings;
    this.errors = new OpenAiErrors(settings.provider(), clock);
    this.calls = new OpenAiCalls(http, errors);
    this.requests = new OpenAiTranslator(settings.maxTokensField(), settings.jsonForm());
    this.responses = new OpenAiResponseTranslator(settings.provider(), errors);
    this.openAiEmbeddings = new OpenAiEmbeddingsReader(settings.provider(), errors);
    this.teiEmbeddings = new TeiEmbeddingsReader(settings.provider(), errors);
    this.info = new HuggingFaceInfoReader(errors);
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
    // TGI answers with an empty id; the translator then uses the gateway's request id.
    return calls.call(post(settings.chatUrl(), body), request.timeout(), sink, "messages",
        in -> responses.completion(Json.parse(in.body().bytes()), request.requestId(), request.upstreamModel()));
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
    return calls.stream(post(settings.chatUrl(), body), translator, sink);
  }

  @Override
  public UpstreamCall embed(ProviderRequest<EmbedRequest> request, ResultSink<EmbedResponse> sink) {
    EmbedRequest embed = request.request();
    if (!settings.teiEmbeddings()) {
      RequestBody body = requests.embeddingsBody(embed, request.upstreamModel());
      return calls.call(post(settings.openAiEmbeddingsUrl(), body), request.timeout(), sink, "inputs",
          in -> openAiEmbeddings.read(in.body().byteStream(), embed.getInputsCount(), request.upstreamModel()));
    }
    int dimensions = embed.hasDimensions() ? embed.getDimensions() : 0;
    RequestBody body = requests.teiEmbedBody(embed);
    return calls.call(post(settings.embedUrl(), body), request.timeout(), sink, "inputs",
        in -> teiEmbeddings.read(in.body().byteStream(), in.headers(), embed.getInputsCount(), dimensions,
            request.upstreamModel()));
  }

  @Override
  public UpstreamCall listModels(@Nullable Duration timeout, ResultSink<List<DiscoveredModel>> sink) {
    Request request = authorized(calls.http().newRequest(settings.infoUrl().toString())).get().build();
    return calls.call(request, timeout, sink, "model", in -> info.models(Json.parse(in.body().bytes())));
  }

  private Request post(HttpUrl url, RequestBody body) {
    return authorized(calls.http().newRequest(url.toString())).post(body).build();
  }

  private Request.Builder authorized(Request.Builder builder) {
    if (settings.apiKey() != null) {
      builder.header("Authorization", "Bearer " + settings.apiKey().reveal());
    }
    return builder;
  }

  /** Creates one adapter per configured Hugging Face server, all on the shared HTTP client. */
  @Singleton
  static final class Factory implements ProviderAdapter.Factory {
    private final OkHttpClient shared;

    @Inject
    Factory(OkHttpClient shared) {
      this.shared = shared;
    }

    @Override
    public ProviderAdapter create(ProviderConfig config) {
      HuggingFaceSettings settings = HuggingFaceSettings.from(config);
      return new HuggingFaceAdapter(new UpstreamHttp(shared, config), settings, Clock.systemUTC());
    }
  }
}
