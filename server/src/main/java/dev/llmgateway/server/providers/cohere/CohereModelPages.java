package dev.llmgateway.server.providers.cohere;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.DiscoveredModel;
import dev.llmgateway.server.providers.ResultSink;
import dev.llmgateway.server.providers.UpstreamCall;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.annotation.Nullable;
import okhttp3.HttpUrl;

/**
 * Lists the models of one Cohere provider by walking {@code GET /v1/models} pages ({@code page_size},
 * then {@code page_token} = the previous page's {@code next_page_token}), one page at a time, and
 * delivers the whole list once. Each page is one upstream call; cancelling stops the walk.
 */
final class CohereModelPages {
  /** Asks for as many models per page as Cohere allows. */
  static final int PAGE_SIZE = 1000;
  /** Bounds the walk, so a provider that keeps returning page tokens cannot loop it forever. */
  static final int MAX_PAGES = 50;

  private final String provider;
  private final HttpUrl modelsUrl;
  private final CohereTranslator translator;
  private final ResultSink<List<DiscoveredModel>> sink;
  private final PageFetcher fetcher;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final AtomicReference<UpstreamCall> current = new AtomicReference<>(UpstreamCall.DONE);
  // Pages arrive one after another (each is requested only once the previous one was handled), so these
  // are never touched by two threads at once.
  private final List<DiscoveredModel> models = new ArrayList<>();
  private int pages;

  CohereModelPages(String provider, HttpUrl modelsUrl, CohereTranslator translator,
      ResultSink<List<DiscoveredModel>> sink, PageFetcher fetcher) {
    this.provider = requireNonNull(provider, "provider");
    this.modelsUrl = requireNonNull(modelsUrl, "modelsUrl");
    this.translator = requireNonNull(translator, "translator");
    this.sink = requireNonNull(sink, "sink");
    this.fetcher = requireNonNull(fetcher, "fetcher");
  }

  /** Requests the first page. */
  void start() {
    fetch(null);
  }

  /** Cancels the page in flight and stops the walk. Idempotent. */
  void cancel() {
    cancelled.set(true);
    current.get().cancel();
  }

  private void fetch(@Nullable String pageToken) {
    HttpUrl.Builder url = modelsUrl.newBuilder().addQueryParameter("page_size", Integer.toString(PAGE_SIZE));
    if (pageToken != null) {
      url.addQueryParameter("page_token", pageToken);
    }
    UpstreamCall call = fetcher.fetch(url.build(), new ResultSink<>() {
      @Override
      public void onSuccess(JsonNode page) {
        onPage(page);
      }

      @Override
      public void onError(GatewayException error) {
        sink.onError(error);
      }
    });
    current.set(call);
    // A cancel that raced the new request must still reach it.
    if (cancelled.get()) {
      call.cancel();
    }
  }

  private void onPage(JsonNode page) {
    String next;
    try {
      next = translator.modelPage(page, models);
    } catch (GatewayException e) {
      sink.onError(e);
      return;
    }
    pages++;
    if (next == null) {
      sink.onSuccess(List.copyOf(models));
      return;
    }
    if (pages >= MAX_PAGES) {
      sink.onError(GatewayException.builder(ErrorKind.PROVIDER_PROTOCOL_ERROR,
          "provider '" + provider + "' sent a model list that does not end").provider(provider).build());
      return;
    }
    if (cancelled.get()) {
      sink.onError(GatewayException.builder(ErrorKind.CANCELLED, "the call was cancelled").provider(provider)
          .build());
      return;
    }
    fetch(next);
  }

  /** Starts one page request, delivering its parsed JSON (or failure) to {@code page}. */
  @FunctionalInterface
  interface PageFetcher {
    UpstreamCall fetch(HttpUrl url, ResultSink<JsonNode> page);
  }
}
