package dev.llmgateway.server.providers.bedrock;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javax.annotation.Nullable;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Calls Amazon Bedrock over HTTP with SigV4-signed requests: Converse and ConverseStream
 * ({@code POST /model/{modelId}/converse[-stream]}), InvokeModel for embeddings and images
 * ({@code POST /model/{modelId}/invoke}) on Bedrock Runtime, and {@code GET /foundation-models} on the
 * control plane. The model id goes into the path percent-encoded as one segment, so ARNs work too.
 * Translation lives in {@link BedrockTranslator}, {@link BedrockEmbeddings} and {@link BedrockImages},
 * classification in {@link BedrockErrors}. Thread-safe.
 */
final class BedrockAdapter implements ProviderAdapter {
  /** Bedrock's id of one call, the closest thing Converse has to a completion id. */
  static final String REQUEST_ID_HEADER = "x-amzn-requestid";

  private final String provider;
  private final BedrockSettings settings;
  private final BedrockSigner signer;
  private final UpstreamHttp http;
  private final BedrockErrors errors;
  private final BedrockTranslator translator;
  private final BedrockEmbeddings embeddings;
  private final BedrockImages images;
  private final BedrockModelList modelList;

  BedrockAdapter(BedrockSettings settings, BedrockSigner signer, UpstreamHttp http, Clock clock) {
    this.settings = requireNonNull(settings, "settings");
    this.signer = requireNonNull(signer, "signer");
    this.http = requireNonNull(http, "http");
    this.provider = http.provider();
    this.errors = new BedrockErrors(provider, clock);
    this.translator = new BedrockTranslator(provider, errors);
    this.embeddings = new BedrockEmbeddings(errors);
    this.images = new BedrockImages(provider, errors);
    this.modelList = new BedrockModelList(errors);
  }

  @Override
  public UpstreamCall complete(ProviderRequest<CompleteRequest> request, ResultSink<CompleteResponse> sink) {
    RequestBody body;
    try {
      body = translator.requestBody(request.request());
    } catch (GatewayException e) {
      sink.onError(e.withTarget(provider, null));
      return UpstreamCall.DONE;
    }
    String model = request.upstreamModel();
    return sendJson(post(runtimeUrl(model, "converse"), body), request.timeout(),
        (json, response) -> translator.toResponse(json, requestId(response, request), model), sink);
  }

  @Override
  public UpstreamCall stream(ProviderRequest<CompleteRequest> request, StreamSink sink) {
    RequestBody body;
    try {
      body = translator.requestBody(request.request());
    } catch (GatewayException e) {
      sink.onError(e.withTarget(provider, null));
      return UpstreamCall.DONE;
    }
    BedrockStreamReader reader = new BedrockStreamReader(errors, http, sink,
        response -> translator.newStream(requestId(response, request), request.upstreamModel()));
    // A stream has no overall timeout: the read timeout bounds each silence, the caller's deadline the rest.
    UpstreamCall upstream = http.openStream(post(runtimeUrl(request.upstreamModel(), "converse-stream"), body),
        reader);
    return () -> reader.cancel(upstream);
  }

  @Override
  public UpstreamCall embed(ProviderRequest<EmbedRequest> request, ResultSink<EmbedResponse> sink) {
    BedrockEmbeddings.Format format;
    try {
      format = BedrockEmbeddings.formatOf(request.upstreamModel(), provider);
      BedrockEmbeddings.check(format, request.request());
    } catch (GatewayException e) {
      sink.onError(e.withTarget(provider, null));
      return UpstreamCall.DONE;
    }
    HttpUrl url = runtimeUrl(request.upstreamModel(), "invoke");
    BedrockEmbeddingCalls calls = new BedrockEmbeddingCalls(provider, request.upstreamModel(), request.request(),
        format, request.timeout(), (body, timeout, expected, batch) -> sendJson(post(url, body), timeout,
            (json, response) -> embeddings.parse(format, json, response.headers(), expected), batch), sink);
    calls.start();
    return calls::cancel;
  }

  @Override
  public UpstreamCall generateImage(ProviderRequest<GenerateImageRequest> request,
      ResultSink<GenerateImageResponse> sink) {
    RequestBody body;
    try {
      body = images.requestBody(request.request(), request.upstreamModel());
    } catch (GatewayException e) {
      sink.onError(e.withTarget(provider, null));
      return UpstreamCall.DONE;
    }
    String model = request.upstreamModel();
    return sendJson(post(runtimeUrl(model, "invoke"), body), request.timeout(),
        (json, response) -> images.toResponse(json, model), sink);
  }

  @Override
  public UpstreamCall listModels(@Nullable Duration timeout, ResultSink<List<DiscoveredModel>> sink) {
    HttpUrl url = settings.controlUrl().newBuilder().addPathSegment("foundation-models").build();
    return sendJson(signed("GET", url, null), timeout, (json, response) -> modelList.parse(json), sink);
  }

  /** Returns {@code <runtime>/model/<modelId>/<action>} with the id percent-encoded as one segment. */
  HttpUrl runtimeUrl(String modelId, String action) {
    return settings.runtimeUrl().newBuilder()
        .addPathSegment("model")
        .addEncodedPathSegment(BedrockModelIds.pathSegment(modelId))
        .addPathSegment(action)
        .build();
  }

  private Request post(HttpUrl url, RequestBody body) {
    return signed("POST", url, body);
  }

  /**
   * Builds a request carrying the provider's configured headers and a SigV4 signature over the method,
   * URL, those headers, the content type and the exact body bytes.
   */
  private Request signed(String method, HttpUrl url, @Nullable RequestBody body) {
    byte[] bytes = body == null ? new byte[0] : BedrockBodies.bytes(body);
    Request.Builder builder = http.newRequest(url.toString());
    Headers.Builder toSign = builder.build().headers().newBuilder();
    if (body != null) {
      toSign.set("Content-Type", Json.JSON.toString());
    }
    Headers signedHeaders = toSign.build();
    Headers auth = signer.sign(BedrockSigner.SERVICE, method, url, signedHeaders, bytes);
    builder.headers(signedHeaders.newBuilder().addAll(auth).build());
    return builder.method(method, body == null ? null : RequestBody.create(bytes, Json.JSON)).build();
  }

  private static String requestId(Response response, ProviderRequest<?> request) {
    String id = response.header(REQUEST_ID_HEADER);
    return id == null || id.isBlank() ? request.requestId() : id;
  }

  /**
   * Sends a request whose successful answer is a JSON document, maps it with {@code mapper} and delivers
   * exactly one outcome to {@code sink}.
   */
  private <T> UpstreamCall sendJson(Request request, @Nullable Duration timeout, JsonMapper<T> mapper,
      ResultSink<T> sink) {
    AtomicBoolean cancelled = new AtomicBoolean();
    UpstreamCall call = http.send(request, timeout, new UpstreamHttp.ResponseHandler() {
      @Override
      public void onResponse(Response response) {
        byte[] bytes;
        try {
          bytes = response.body().bytes();
        } catch (IOException e) {
          sink.onError(http.ioFailure(e, cancelled.get()));
          return;
        }
        if (!response.isSuccessful()) {
          sink.onError(errors.fromResponse(response.code(), response.headers(), bytes));
          return;
        }
        T result;
        try {
          result = mapper.map(Json.parse(bytes), response);
        } catch (IOException e) {
          sink.onError(errors.protocolError("answered with a body that is not JSON", e));
          return;
        } catch (GatewayException e) {
          sink.onError(e);
          return;
        }
        sink.onSuccess(result);
      }

      @Override
      public void onFailure(GatewayException error) {
        // OkHttp enforces the call timeout by cancelling the call, which the shared plumbing may report as
        // CANCELLED; only a cancel of ours is one.
        boolean timedOut = error.kind() == ErrorKind.CANCELLED && !cancelled.get();
        sink.onError(timedOut && error.getCause() instanceof IOException io ? http.ioFailure(io, false) : error);
      }
    });
    return () -> {
      cancelled.set(true);
      call.cancel();
    };
  }

  /** Maps a parsed JSON answer; throws a classified {@link GatewayException} when it is malformed. */
  @FunctionalInterface
  interface JsonMapper<T> {
    T map(JsonNode json, Response response);
  }

  /** Creates one Bedrock adapter per configured provider, all sharing one HTTP client. */
  @Singleton
  static final class Factory implements ProviderAdapter.Factory {
    private final OkHttpClient shared;
    private final Function<String, String> environment;
    private final Clock clock;

    @Inject
    Factory(OkHttpClient shared) {
      this(shared, System::getenv, Clock.systemUTC());
    }

    /** Creates a factory that reads AWS settings through {@code environment} and signs with {@code clock}. */
    Factory(OkHttpClient shared, Function<String, String> environment, Clock clock) {
      this.shared = requireNonNull(shared, "shared");
      this.environment = requireNonNull(environment, "environment");
      this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public ProviderAdapter create(ProviderConfig config) {
      BedrockSettings settings = BedrockSettings.from(config, environment);
      BedrockSigner signer = new BedrockSigner(BedrockCredentials.from(config, environment), settings.region(),
          clock);
      return new BedrockAdapter(settings, signer, new UpstreamHttp(shared, config), clock);
    }
  }
}
