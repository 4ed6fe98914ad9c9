package dev.llmgateway.server.providers.anthropic;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.FieldViolation;
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
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.CountTokensRequest;
import dev.llmgateway.v1.CountTokensResponse;
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

/**
 * Calls Anthropic's Messages API over HTTP: {@code POST /messages} (whole or streamed),
 * {@code POST /messages/count_tokens} and {@code GET /models}, authenticated with {@code x-api-key} and
 * versioned with {@code anthropic-version}.
 * Translation lives in {@link AnthropicTranslator}, classification in {@link AnthropicErrors}. Anthropic
 * has no embeddings API, so {@link #embed} fails at once. Thread-safe.
 */
final class AnthropicAdapter implements ProviderAdapter {
  /** Asks for as many models per page as the provider allows. */
  private static final int MODEL_PAGE_SIZE = 1000;
  /** Bounds the model listing, so a provider that keeps paging cannot loop it forever. */
  private static final int MAX_MODEL_PAGES = 100;

  private final String provider;
  private final AnthropicSettings settings;
  private final UpstreamHttp http;
  private final AnthropicErrors errors;
  private final AnthropicTranslator translator;
  private final HttpUrl messagesUrl;
  private final HttpUrl countTokensUrl;

  AnthropicAdapter(AnthropicSettings settings, UpstreamHttp http, Clock clock) {
    this.settings = requireNonNull(settings, "settings");
    this.http = requireNonNull(http, "http");
    this.provider = http.provider();
    this.errors = new AnthropicErrors(provider, clock);
    this.translator = new AnthropicTranslator(provider, settings.defaultMaxTokens(), errors);
    this.messagesUrl = HttpUrl.get(settings.baseUrl() + "/messages");
    this.countTokensUrl = HttpUrl.get(settings.baseUrl() + "/messages/count_tokens");
  }

  @Override
  public UpstreamCall complete(ProviderRequest<CompleteRequest> request, ResultSink<CompleteResponse> sink) {
    RequestBody body;
    try {
      body = translator.requestBody(request.request(), request.upstreamModel(), false);
    } catch (GatewayException e) {
      sink.onError(e.withTarget(provider, null));
      return UpstreamCall.DONE;
    }
    return sendJson(newRequest(messagesUrl).post(body).build(), request.timeout(),
        json -> translator.toResponse(json, request.upstreamModel()), sink);
  }

  @Override
  public UpstreamCall stream(ProviderRequest<CompleteRequest> request, StreamSink sink) {
    RequestBody body;
    try {
      body = translator.requestBody(request.request(), request.upstreamModel(), true);
    } catch (GatewayException e) {
      sink.onError(e.withTarget(provider, null));
      return UpstreamCall.DONE;
    }
    AnthropicStreamListener listener =
        new AnthropicStreamListener(translator.newStream(request.upstreamModel()), errors, http, sink);
    UpstreamCall upstream = http.openEventStream(newRequest(messagesUrl).post(body).build(), listener);
    return () -> listener.cancel(upstream);
  }

  @Override
  public UpstreamCall embed(ProviderRequest<EmbedRequest> request, ResultSink<EmbedResponse> sink) {
    String description = "provider '" + provider + "' offers no embeddings; choose an embedding model";
    sink.onError(GatewayException.builder(ErrorKind.INVALID_REQUEST, "model: " + description)
        .provider(provider)
        .violations(List.of(new FieldViolation("model", description)))
        .build());
    return UpstreamCall.DONE;
  }

  @Override
  public UpstreamCall listModels(@Nullable Duration timeout, ResultSink<List<DiscoveredModel>> discovered) {
    ResultSink<List<String>> sink = ResultSink.converting(discovered,
        ids -> ids.stream().map(id -> DiscoveredModel.named(id, "anthropic")).toList());
    // GET /models pages: limit, then after_id = the previous page's last_id while has_more.
    HttpUrl first = HttpUrl.get(settings.baseUrl() + "/models").newBuilder()
        .addQueryParameter("limit", Integer.toString(MODEL_PAGE_SIZE)).build();
    return PagedListing.start(provider, MAX_MODEL_PAGES, first, (page, into) -> {
      into.addAll(translator.modelIds(page));
      if (!page.path("has_more").asBoolean(false)) {
        return null;
      }
      String lastId = AnthropicTranslator.optionalText(page, "last_id");
      if (lastId == null || lastId.isEmpty()) {
        throw PagedListing.endless(provider);
      }
      return first.newBuilder().setQueryParameter("after_id", lastId).build();
    }, sink, (url, page) -> sendJson(newRequest(url).get().build(), timeout, json -> json, page));
  }

  @Override
  public boolean countsTokens() {
    return true;
  }

  @Override
  public UpstreamCall countTokens(ProviderRequest<CountTokensRequest> request,
      ResultSink<CountTokensResponse> sink) {
    RequestBody body;
    try {
      body = translator.countBody(request.request(), request.upstreamModel());
    } catch (GatewayException e) {
      sink.onError(e.withTarget(provider, null));
      return UpstreamCall.DONE;
    }
    return sendJson(newRequest(countTokensUrl).post(body).build(), request.timeout(),
        json -> translator.toCount(json, request.upstreamModel()), sink);
  }

  /** Returns a request builder carrying the provider's headers, key and API version. */
  private Request.Builder newRequest(HttpUrl url) {
    Request.Builder builder = http.newRequest(url.toString());
    settings.apiKey().ifPresent(key -> builder.header("x-api-key", key.reveal()));
    return builder.header("anthropic-version", settings.version());
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
          result = mapper.map(Json.parse(bytes));
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
        // OkHttp enforces the call timeout by cancelling the call, which the shared plumbing reports as
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
    T map(JsonNode json);
  }

  /** Creates one Anthropic adapter per configured provider, all sharing one HTTP client. */
  @Singleton
  static final class Factory implements ProviderAdapter.Factory {
    private final OkHttpClient shared;

    @Inject
    Factory(OkHttpClient shared) {
      this.shared = requireNonNull(shared, "shared");
    }

    @Override
    public ProviderAdapter create(ProviderConfig config) {
      AnthropicSettings settings = AnthropicSettings.from(config);
      return new AnthropicAdapter(settings, new UpstreamHttp(shared, config), Clock.systemUTC());
    }
  }
}
