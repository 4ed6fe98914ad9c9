package dev.llmgateway.server.providers.openai;

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
 * Speaks Azure OpenAI: the OpenAI wire format addressed by deployment (see {@link AzureOpenAiSettings}
 * for the two URL schemes and the two credentials), with Azure's content-filter annotations read by
 * the shared translators and classifier. The model a request names upstream is the deployment's name.
 * Thread-safe.
 */
final class AzureOpenAiAdapter implements ProviderAdapter {
  private final AzureOpenAiSettings settings;
  private final OpenAiCalls calls;
  private final OpenAiErrors errors;
  private final OpenAiTranslator requests;
  private final OpenAiResponseTranslator responses;
  private final OpenAiEmbeddingsReader embeddings;
  private final OpenAiImagesReader images;

  AzureOpenAiAdapter(UpstreamHttp http, AzureOpenAiSettings settings, Clock clock) {
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
    String deployment = request.upstreamModel();
    RequestBody body;
    try {
      body = requests.chatBody(request.request(), settings.bodyModel(deployment), false);
    } catch (GatewayException e) {
      sink.onError(e);
      return UpstreamCall.DONE;
    }
    return calls.call(post(settings.chatUrl(deployment), body), request.timeout(), sink, "messages",
        in -> responses.completion(Json.parse(in.body().bytes()), request.requestId(), deployment));
  }

  @Override
  public UpstreamCall stream(ProviderRequest<CompleteRequest> request, StreamSink sink) {
    String deployment = request.upstreamModel();
    RequestBody body;
    try {
      body = requests.chatBody(request.request(), settings.bodyModel(deployment), true);
    } catch (GatewayException e) {
      sink.onError(e);
      return UpstreamCall.DONE;
    }
    OpenAiStreamTranslator translator =
        new OpenAiStreamTranslator(settings.provider(), errors, request.requestId(), deployment);
    return calls.stream(post(settings.chatUrl(deployment), body), translator, sink);
  }

  @Override
  public UpstreamCall embed(ProviderRequest<EmbedRequest> request, ResultSink<EmbedResponse> sink) {
    String deployment = request.upstreamModel();
    EmbedRequest embed = request.request();
    RequestBody body = requests.embeddingsBody(embed, settings.bodyModel(deployment));
    return calls.call(post(settings.embeddingsUrl(deployment), body), request.timeout(), sink, "inputs",
        in -> embeddings.read(in.body().byteStream(), embed.getInputsCount(), deployment));
  }

  @Override
  public UpstreamCall generateImage(ProviderRequest<GenerateImageRequest> request,
      ResultSink<GenerateImageResponse> sink) {
    String deployment = request.upstreamModel();
    RequestBody body;
    try {
      body = OpenAiImageRequests.body(request.request(), settings.bodyModel(deployment), deployment);
    } catch (GatewayException e) {
      sink.onError(e);
      return UpstreamCall.DONE;
    }
    return calls.call(post(settings.imagesUrl(deployment), body), request.timeout(), sink, "prompt",
        in -> images.read(in.body().byteStream(), deployment));
  }

  /**
   * Fails: Azure's data plane cannot list deployments, the names requests are addressed by. Its
   * deployment listing was retired after api-version 2023-03-15-preview in favour of the Azure Resource
   * Manager API, which needs a management-scope Entra token, a subscription and a resource group, none
   * of which an api-key or a Cognitive Services token provides; and {@code /openai/models} (and
   * {@code /openai/v1/models}) list the base models a resource may deploy, ids that are not callable.
   * Reporting those as offered would be wrong, and so would an empty list.
   *
   * <p>INVALID_REQUEST is the kind the provider SPI gives an operation an adapter cannot perform (its
   * defaults for image generation and token counting); it is not retryable and its message reaches the
   * caller. PROVIDER_MISCONFIGURED would blame the credentials, which are fine, and surfaces only as a
   * generic internal error; PROVIDER_UNAVAILABLE would invite retries that cannot succeed.
   */
  @Override
  public UpstreamCall listModels(@Nullable Duration timeout, ResultSink<List<DiscoveredModel>> sink) {
    sink.onError(GatewayException.builder(ErrorKind.INVALID_REQUEST, "provider '" + settings.provider()
            + "' (Azure OpenAI) cannot list its deployments: Azure's data-plane API has no deployment listing"
            + " (deployments are listed through Azure Resource Manager); configure each deployment as a model"
            + " whose upstream-model is the deployment name")
        .provider(settings.provider())
        .build());
    return UpstreamCall.DONE;
  }

  private Request post(HttpUrl url, RequestBody body) {
    Request.Builder builder = calls.http().newRequest(url.toString()).post(body);
    if (settings.apiKey() != null) {
      if (settings.entra()) {
        builder.header("Authorization", "Bearer " + settings.apiKey().reveal());
      } else {
        builder.header("api-key", settings.apiKey().reveal());
      }
    }
    return builder.build();
  }

  /** Creates one adapter per configured Azure OpenAI resource, all on the shared HTTP client. */
  @Singleton
  static final class Factory implements ProviderAdapter.Factory {
    private final OkHttpClient shared;

    @Inject
    Factory(OkHttpClient shared) {
      this.shared = shared;
    }

    @Override
    public ProviderAdapter create(ProviderConfig config) {
      AzureOpenAiSettings settings = AzureOpenAiSettings.from(config);
      return new AzureOpenAiAdapter(new UpstreamHttp(shared, config), settings, Clock.systemUTC());
    }
  }
}
