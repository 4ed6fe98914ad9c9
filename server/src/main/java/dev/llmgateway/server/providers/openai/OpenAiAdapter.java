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
import dev.llmgateway.v1.GenerateImageRequest;
import dev.llmgateway.v1.GenerateImageResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.annotation.Nullable;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Speaks the OpenAI HTTP API ({@code /chat/completions}, {@code /embeddings}, {@code /models},
 * {@code /images/generations}) to OpenAI and the servers that copy it: Mistral, Groq, vLLM, Ollama's
 * OpenAI endpoint and others. Base URL and extra headers come from configuration; the API key, when
 * there is one, goes as a bearer token. Translation lives in the translators, classification in
 * {@link OpenAiErrors} and sending in {@link OpenAiCalls}: this class only builds requests. Thread-safe.
 */
final class OpenAiAdapter implements ProviderAdapter {
  private final OpenAiSettings settings;
  private final OpenAiCalls calls;
  private final OpenAiErrors errors;
  private final OpenAiTranslator requests;
  private final OpenAiResponseTranslator responses;
  private final OpenAiEmbeddingsReader embeddings;
  private final OpenAiImagesReader images;

  OpenAiAdapter(UpstreamHttp http, OpenAiSettings settings, Clock clock) {
    this.settings = settings;
    this.errors = new OpenAiErrors(settings.provider(), clock);
    this.calls = new OpenAiCalls(http, errors);
    this.requests = new OpenAiTranslator(settings.maxTokensField());
    this.responses = new OpenAiResponseTranslator(settings.provider(), errors);
    this.embeddings = new OpenAiEmbeddingsReader(settings.provider(), errors);
    this.images = new OpenAiImagesReader(settings.provider(), errors);
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
    RequestBody body = requests.embeddingsBody(embed, request.upstreamModel());
    return calls.call(post(settings.embeddingsUrl(), body), request.timeout(), sink, "inputs",
        in -> embeddings.read(in.body().byteStream(), embed.getInputsCount(), request.upstreamModel()));
  }

  @Override
  public UpstreamCall generateImage(ProviderRequest<GenerateImageRequest> request,
      ResultSink<GenerateImageResponse> sink) {
    RequestBody body;
    try {
      body = OpenAiImageRequests.body(request.request(), request.upstreamModel(), request.upstreamModel());
    } catch (GatewayException e) {
      sink.onError(e);
      return UpstreamCall.DONE;
    }
    return calls.call(post(settings.imagesUrl(), body), request.timeout(), sink, "prompt",
        in -> images.read(in.body().byteStream(), request.upstreamModel()));
  }

  @Override
  public UpstreamCall listModels(@Nullable Duration timeout, ResultSink<List<DiscoveredModel>> discovered) {
    ResultSink<List<String>> sink = ResultSink.converting(discovered,
        ids -> ids.stream().map(id -> DiscoveredModel.named(id, "")).toList());
    Request request = authorized(calls.http().newRequest(settings.modelsUrl().toString())).get().build();
    return calls.call(request, timeout, sink, "model", in -> responses.modelIds(Json.parse(in.body().bytes())));
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
