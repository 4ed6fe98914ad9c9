package dev.llmgateway.server.providers.anthropic;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ResultSink;
import dev.llmgateway.server.providers.UpstreamCall;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.annotation.Nullable;
import okhttp3.HttpUrl;

/**
 * Lists every model id of one provider by walking {@code GET /models} pages ({@code limit}, then
 * {@code after_id} = the previous page's {@code last_id} while {@code has_more}), one page at a time,
 * and delivers the whole list once. Each page is one upstream call; cancelling stops the walk.
 */
final class AnthropicModelPages {
  /** Asks for as many models per page as Anthropic allows. */
  static final int PAGE_SIZE = 1000;
  /** Bounds the walk, so a provider that never stops saying has_more cannot loop it forever. */
  static final int MAX_PAGES = 100;

  private final String provider;
  private final HttpUrl modelsUrl;
  private final AnthropicTranslator translator;
  private final ResultSink<List<String>> sink;
  private final PageFetcher fetcher;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final AtomicReference<UpstreamCall> current = new AtomicReference<>(UpstreamCall.DONE);
  // Pages arrive one after another (each is requested only once the previous one was handled), so these
  // are never touched by two threads at once.
  private final List<String> ids = new ArrayList<>();
  private int pages;

  AnthropicModelPages(String provider, String baseUrl, AnthropicTranslator translator,
      ResultSink<List<String>> sink, PageFetcher fetcher) {
    this.provider = requireNonNull(provider, "provider");
    this.modelsUrl = HttpUrl.get(baseUrl + "/models");
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

  private void fetch(@Nullable String afterId) {
    HttpUrl.Builder url = modelsUrl.newBuilder().addQueryParameter("limit", Integer.toString(PAGE_SIZE));
    if (afterId != null) {
      url.addQueryParameter("after_id", afterId);
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
    try {
      ids.addAll(translator.modelIds(page));
    } catch (GatewayException e) {
      sink.onError(e);
      return;
    }
    pages++;
    if (!page.path("has_more").asBoolean(false)) {
      sink.onSuccess(List.copyOf(ids));
      return;
    }
    String lastId = AnthropicTranslator.optionalText(page, "last_id");
    if (lastId == null || lastId.isEmpty() || pages >= MAX_PAGES) {
      sink.onError(GatewayException.builder(ErrorKind.PROVIDER_PROTOCOL_ERROR,
          "provider '" + provider + "' sent a model list that does not end").provider(provider).build());
      return;
    }
    if (cancelled.get()) {
      sink.onError(GatewayException.builder(ErrorKind.CANCELLED, "the call was cancelled").provider(provider)
          .build());
      return;
    }
    fetch(lastId);
  }

  /** Starts one page request, delivering its parsed JSON (or failure) to {@code page}. */
  @FunctionalInterface
  interface PageFetcher {
    UpstreamCall fetch(HttpUrl url, ResultSink<JsonNode> page);
  }
}
