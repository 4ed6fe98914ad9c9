package dev.llmgateway.server.providers.http;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.UpstreamCall;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import io.opentelemetry.context.Context;
import javax.annotation.Nullable;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;

/**
 * One provider's view of the shared HTTP client: its timeouts and extra headers, asynchronous calls
 * whose outcome is delivered on OkHttp's dispatcher threads, and server-sent event streams. Thread-safe.
 */
public final class UpstreamHttp {
  private static final Duration MIN_TIMEOUT = Duration.ofMillis(1);
  private static final int MAX_CACHED_URLS = 1024;

  private final java.util.concurrent.ConcurrentHashMap<String, HttpUrl> urls = new java.util.concurrent.ConcurrentHashMap<>();

  private final String provider;
  private final OkHttpClient client;
  private final EventSource.Factory eventSources;
  private final Duration requestTimeout;
  private final Map<String, String> extraHeaders;
  private final ProviderTag providerTag;

  /** Derives a client for {@code config} from {@code shared}, keeping its pool and dispatcher. */
  public UpstreamHttp(OkHttpClient shared, ProviderConfig config) {
    requireNonNull(shared, "shared");
    this.provider = config.name();
    this.client = shared.newBuilder()
        .connectTimeout(config.connectTimeout())
        .readTimeout(config.readTimeout())
        .writeTimeout(config.readTimeout())
        .build();
    this.eventSources = EventSources.createFactory(client);
    this.requestTimeout = config.requestTimeout();
    this.extraHeaders = config.headers();
    this.providerTag = new ProviderTag(config.name());
  }

  /** Returns the configured provider name. */
  public String provider() {
    return provider;
  }

  /** Returns a request builder with the provider's configured extra headers already set. */
  public Request.Builder newRequest(String url) {
    Request.Builder builder = new Request.Builder().url(parsed(url)).tag(ProviderTag.class, providerTag);
    if (!extraHeaders.isEmpty()) {
      extraHeaders.forEach(builder::header);
    }
    return builder;
  }

  /**
   * Returns the parsed URL, from a small cache: adapters build the same few endpoint URLs on every call,
   * and parsing and canonicalising them showed in profiles. The cache stops growing at its bound (URLs
   * with per-call parts, if any adapter made them, are then parsed each time).
   */
  private HttpUrl parsed(String url) {
    HttpUrl known = urls.get(url);
    if (known != null) {
      return known;
    }
    HttpUrl fresh = HttpUrl.get(url);
    if (urls.size() < MAX_CACHED_URLS) {
      urls.put(url, fresh);
    }
    return fresh;
  }

  /**
   * Sends {@code request} and hands the response to {@code handler} on a dispatcher thread; the response
   * is closed after the handler returns. The whole call is bounded by the smaller of {@code timeout}
   * and the provider's request timeout.
   */
  public UpstreamCall send(Request request, @Nullable Duration timeout, ResponseHandler handler) {
    Call call = client.newCall(traced(request));
    call.timeout().timeout(effectiveTimeout(timeout).toMillis(), TimeUnit.MILLISECONDS);
    call.enqueue(callback(handler));
    return call::cancel;
  }

  /**
   * Sends a request whose streamed body (NDJSON, say) the handler reads itself as it arrives. There is
   * no overall call timeout: the read timeout bounds each silence, and the caller's deadline cancels the
   * call through the returned handle.
   */
  public UpstreamCall openStream(Request request, ResponseHandler handler) {
    Call call = client.newCall(traced(request));
    call.enqueue(callback(handler));
    return call::cancel;
  }

  private Callback callback(ResponseHandler handler) {
    return new Callback() {
      @Override
      public void onFailure(Call c, IOException e) {
        handler.onFailure(ioFailure(e, c.isCanceled()));
      }

      @Override
      public void onResponse(Call c, Response response) {
        try (response) {
          handler.onResponse(response);
        }
      }
    };
  }

  /**
   * Opens a server-sent event stream. The stream has no overall timeout of its own (the caller's
   * deadline cancels it through the returned handle); the read timeout bounds each silence.
   */
  public UpstreamCall openEventStream(Request request, EventSourceListener listener) {
    EventSource source = eventSources.newEventSource(traced(request), listener);
    return source::cancel;
  }

  /** Maps an I/O failure of a call to the provider into a classified exception. */
  public GatewayException ioFailure(IOException e, boolean cancelled) {
    // OkHttp enforces a call timeout by cancelling the call, so the timeout test must come first;
    // a cancel by us never raises "timeout".
    if (e instanceof SocketTimeoutException || (e instanceof InterruptedIOException && "timeout".equals(e.getMessage()))) {
      return GatewayException.builder(ErrorKind.PROVIDER_TIMEOUT, "provider '" + provider + "' did not answer in time")
          .provider(provider).cause(e).build();
    }
    if (cancelled) {
      return GatewayException.builder(ErrorKind.CANCELLED, "the call was cancelled").provider(provider).cause(e).build();
    }
    return GatewayException.builder(ErrorKind.PROVIDER_UNAVAILABLE, "provider '" + provider + "' could not be reached")
        .provider(provider).cause(e).build();
  }

  // OkHttp runs calls on dispatcher threads, where the caller's trace context is not current.
  private static Request traced(Request request) {
    return request.tag(Context.class) != null ? request
        : request.newBuilder().tag(Context.class, Context.current()).build();
  }

  private Duration effectiveTimeout(@Nullable Duration timeout) {
    if (timeout == null || timeout.compareTo(requestTimeout) > 0) {
      return requestTimeout;
    }
    // OkHttp reads a zero timeout as "none"; an exhausted budget must still time out at once.
    return timeout.compareTo(MIN_TIMEOUT) < 0 ? MIN_TIMEOUT : timeout;
  }

  /** Handles a response that arrived; called once, on a dispatcher thread. */
  @FunctionalInterface
  public interface ResponseHandler {
    /** Handles the response; the body may be read here and is closed afterwards. */
    void onResponse(Response response);

    /** Handles a call that failed before a response arrived. */
    default void onFailure(GatewayException error) {
      throw new UnsupportedOperationException("handler must override onFailure", error);
    }
  }
}
