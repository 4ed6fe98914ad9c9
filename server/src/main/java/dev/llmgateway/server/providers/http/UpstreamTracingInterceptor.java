package dev.llmgateway.server.providers.http;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.telemetry.CallMetrics;
import dev.llmgateway.server.telemetry.GatewayAttributes;
import dev.llmgateway.server.telemetry.GenAiAttributes;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.annotation.Nullable;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Traces each upstream HTTP call as a CLIENT span, the child of the OpenTelemetry {@link Context}
 * tagged on the request ({@code request.tag(Context.class)}; the current one otherwise), and sends
 * that span's W3C {@code traceparent}/{@code tracestate} upstream. The span ends when the response
 * body is closed, so a streamed response is timed to its last byte. Records the method, host, port,
 * URL without query or credentials (keys sometimes travel in the query), status and provider, and
 * never a request or response header, since those carry credentials.
 */
@Singleton
public final class UpstreamTracingInterceptor implements Interceptor {
  static final AttributeKey<String> HTTP_REQUEST_METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");

  private static final TextMapSetter<Request.Builder> SETTER = (request, key, value) -> {
    if (request != null) {
      request.header(key, value);
    }
  };

  private final Tracer tracer;
  private final TextMapPropagator propagator;

  @Inject
  UpstreamTracingInterceptor(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer(CallMetrics.SCOPE);
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Context tagged = request.tag(Context.class);
    Context parent = tagged != null ? tagged : Context.current();
    HttpUrl url = request.url();
    SpanBuilder builder = tracer.spanBuilder(request.method())
        .setParent(parent)
        .setSpanKind(SpanKind.CLIENT)
        .setAttribute(HTTP_REQUEST_METHOD, request.method())
        .setAttribute(SERVER_ADDRESS, url.host())
        .setAttribute(SERVER_PORT, (long) url.port())
        .setAttribute(URL_FULL, withoutQuery(url));
    ProviderTag provider = request.tag(ProviderTag.class);
    if (provider != null) {
      builder.setAttribute(GenAiAttributes.PROVIDER_NAME, provider.name());
    }
    Span span = builder.startSpan();
    Request.Builder traced = request.newBuilder();
    propagator.inject(parent.with(span), traced, SETTER);
    Response response;
    Scope scope = span.makeCurrent();
    try {
      response = chain.proceed(traced.build());
    } catch (IOException | RuntimeException e) {
      fail(span, e);
      span.end();
      throw e;
    } finally {
      scope.close();
    }
    // Unsampled, or no exporter: the context was still passed on; there is nothing to record.
    if (!span.isRecording()) {
      return response;
    }
    int code = response.code();
    span.setAttribute(HTTP_RESPONSE_STATUS_CODE, (long) code);
    if (code >= 400) {
      span.setAttribute(GatewayAttributes.ERROR_TYPE, Integer.toString(code));
      span.setStatus(StatusCode.ERROR);
    }
    return response.newBuilder().body(new SpanEndingBody(response.body(), span)).build();
  }

  private static String withoutQuery(HttpUrl url) {
    if (url.encodedQuery() == null && url.encodedFragment() == null && url.encodedUsername().isEmpty()
        && url.encodedPassword().isEmpty()) {
      return url.toString();
    }
    return url.newBuilder().query(null).fragment(null).username("").password("").build().toString();
  }

  private static void fail(Span span, Exception e) {
    // The class only: messages of I/O failures can quote hosts and paths, never needed to triage.
    span.setAttribute(GatewayAttributes.ERROR_TYPE, e.getClass().getName());
    span.setStatus(StatusCode.ERROR);
  }

  /** Passes the body through and ends the span when it is closed; a failed read marks the span failed. */
  private static final class SpanEndingBody extends ResponseBody {
    private final ResponseBody delegate;
    private final BufferedSource source;

    SpanEndingBody(ResponseBody delegate, Span span) {
      this.delegate = delegate;
      this.source = Okio.buffer(new SpanEndingSource(delegate.source(), span));
    }

    @Override
    @Nullable
    public MediaType contentType() {
      return delegate.contentType();
    }

    @Override
    public long contentLength() {
      return delegate.contentLength();
    }

    @Override
    public BufferedSource source() {
      return source;
    }
  }

  private static final class SpanEndingSource extends ForwardingSource {
    private final Span span;
    private final AtomicBoolean ended = new AtomicBoolean();

    SpanEndingSource(okio.Source delegate, Span span) {
      super(delegate);
      this.span = span;
    }

    @Override
    public long read(Buffer sink, long byteCount) throws IOException {
      try {
        return super.read(sink, byteCount);
      } catch (IOException e) {
        fail(span, e);
        throw e;
      }
    }

    @Override
    public void close() throws IOException {
      try {
        super.close();
      } finally {
        if (ended.compareAndSet(false, true)) {
          span.end();
        }
      }
    }
  }
}
