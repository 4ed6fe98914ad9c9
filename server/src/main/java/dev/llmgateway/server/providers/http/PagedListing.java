package dev.llmgateway.server.providers.http;

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
 * Walks a provider's paged listing one page at a time and delivers the whole list once. The provider's
 * {@link PageReader} takes each page's items and says where the next page is; the walk is bounded, so a
 * provider that never stops paging cannot loop it forever. Each page is one upstream call; cancelling stops
 * the walk.
 *
 * @param <T> the listed item
 */
public final class PagedListing<T> {
  /** Reads one page. */
  @FunctionalInterface
  public interface PageReader<T> {
    /**
     * Adds the page's items to {@code into} and returns the URL of the next page, or null after the last one.
     *
     * @throws GatewayException PROVIDER_PROTOCOL_ERROR when the page is malformed
     */
    @Nullable
    HttpUrl read(JsonNode page, List<T> into);
  }

  /** Starts one page request, delivering its parsed JSON (or failure) to {@code page}. */
  @FunctionalInterface
  public interface PageFetcher {
    UpstreamCall fetch(HttpUrl url, ResultSink<JsonNode> page);
  }

  private final String provider;
  private final int maxPages;
  private final PageReader<T> reader;
  private final ResultSink<List<T>> sink;
  private final PageFetcher fetcher;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final AtomicReference<UpstreamCall> current = new AtomicReference<>(UpstreamCall.DONE);
  // Pages arrive one after another (each is requested only once the previous one was handled), so these
  // are never touched by two threads at once.
  private final List<T> items = new ArrayList<>();
  private int pages;

  private PagedListing(String provider, int maxPages, PageReader<T> reader, ResultSink<List<T>> sink,
      PageFetcher fetcher) {
    this.provider = requireNonNull(provider, "provider");
    this.maxPages = maxPages;
    this.reader = requireNonNull(reader, "reader");
    this.sink = requireNonNull(sink, "sink");
    this.fetcher = requireNonNull(fetcher, "fetcher");
  }

  /** Starts walking at {@code first}; returns the handle that cancels the walk. */
  public static <T> UpstreamCall start(String provider, int maxPages, HttpUrl first, PageReader<T> reader,
      ResultSink<List<T>> sink, PageFetcher fetcher) {
    PagedListing<T> listing = new PagedListing<>(provider, maxPages, reader, sink, fetcher);
    listing.fetch(first);
    return listing::cancel;
  }

  private void cancel() {
    cancelled.set(true);
    current.get().cancel();
  }

  private void fetch(HttpUrl url) {
    UpstreamCall call = fetcher.fetch(url, new ResultSink<>() {
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
    HttpUrl next;
    try {
      next = reader.read(page, items);
    } catch (GatewayException e) {
      sink.onError(e);
      return;
    }
    pages++;
    if (next == null) {
      sink.onSuccess(List.copyOf(items));
      return;
    }
    if (pages >= maxPages) {
      sink.onError(endless(provider));
      return;
    }
    if (cancelled.get()) {
      sink.onError(GatewayException.builder(ErrorKind.CANCELLED, "the call was cancelled").provider(provider)
          .build());
      return;
    }
    fetch(next);
  }

  /** Returns the error for a listing that says there is more but gives no way to reach it, or never ends. */
  public static GatewayException endless(String provider) {
    return GatewayException.builder(ErrorKind.PROVIDER_PROTOCOL_ERROR,
        "provider '" + provider + "' sent a model list that does not end").provider(provider).build();
  }
}
