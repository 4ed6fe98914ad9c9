package dev.llmgateway.server.edge;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.telemetry.CallMetrics;
import dev.llmgateway.server.telemetry.GatewayAttributes;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.Nullable;

/**
 * Traces every call: continues the caller's W3C trace context from the request metadata, starts a
 * SERVER span named after the full method, keeps it current (as the OpenTelemetry {@link Context})
 * while the call is set up and around every listener callback, so code that runs in them, adapters
 * included, sees it through {@link Span#current()}, and ends it when the call completes or is
 * cancelled, with the gRPC status it ended with. Request and response metadata are never recorded.
 */
@Singleton
public final class TracingInterceptor implements ServerInterceptor {
  // Server faults per the RPC conventions; a caller's mistake (INVALID_ARGUMENT, NOT_FOUND…) is not.
  private static final Set<Status.Code> SERVER_FAULTS = EnumSet.of(Status.Code.UNKNOWN,
      Status.Code.DEADLINE_EXCEEDED, Status.Code.UNIMPLEMENTED, Status.Code.INTERNAL, Status.Code.UNAVAILABLE,
      Status.Code.DATA_LOSS);

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final MetadataGetter getter;
  // One entry per method of the services we serve, so bounded.
  private final ConcurrentHashMap<String, Attributes> methodAttributes = new ConcurrentHashMap<>();

  @Inject
  TracingInterceptor(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer(CallMetrics.SCOPE);
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    this.getter = new MetadataGetter(propagator.fields());
  }

  /** Returns the current call's span; invalid (and inert) outside a call's callbacks. */
  public static Span callSpan() {
    return Span.current();
  }

  /** Tags the current call's span with the id (never the secret) of the API key it was made with. */
  public static void setKeyId(String keyId) {
    Span.current().setAttribute(GatewayAttributes.KEY_ID, keyId);
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    MethodDescriptor<ReqT, RespT> method = call.getMethodDescriptor();
    Context parent = propagator.extract(Context.current(), headers, getter);
    Span span = tracer.spanBuilder(method.getFullMethodName())
        .setParent(parent)
        .setSpanKind(SpanKind.SERVER)
        .setAllAttributes(methodAttributes.computeIfAbsent(method.getFullMethodName(), name -> attributes(method)))
        .setAttribute(GatewayAttributes.REQUEST_ID, RequestContext.requestId())
        .startSpan();
    Context context = parent.with(span);
    TracedCall<ReqT, RespT> traced = new TracedCall<>(call);
    ServerCall.Listener<ReqT> delegate;
    Scope scope = context.makeCurrent();
    try {
      delegate = next.startCall(traced, headers);
    } catch (RuntimeException e) {
      // gRPC closes the call itself and never calls a listener, so the span ends here.
      span.setAttribute(GatewayAttributes.ERROR_TYPE, e.getClass().getName());
      span.setStatus(StatusCode.ERROR);
      span.end();
      throw e;
    } finally {
      scope.close();
    }
    return new TracedListener<>(delegate, context, span, traced);
  }

  private static Attributes attributes(MethodDescriptor<?, ?> method) {
    String service = method.getServiceName();
    return Attributes.of(
        GatewayAttributes.RPC_SYSTEM, "grpc",
        GatewayAttributes.RPC_SERVICE, service != null ? service : "",
        GatewayAttributes.RPC_METHOD, method.getBareMethodName() != null ? method.getBareMethodName() : "");
  }

  private static void end(Span span, Status.Code code, @Nullable String description) {
    span.setAttribute(GatewayAttributes.RPC_GRPC_STATUS_CODE, code.value());
    span.setAttribute(GatewayAttributes.RPC_STATUS, code.name());
    if (SERVER_FAULTS.contains(code)) {
      span.setAttribute(GatewayAttributes.ERROR_TYPE, code.name());
      // Our status descriptions are written to be caller-safe, so they are safe on a span too.
      span.setStatus(StatusCode.ERROR, description != null ? description : code.name());
    }
    span.end();
  }

  /** Remembers the status the call was closed with, for the span. */
  private static final class TracedCall<ReqT, RespT> extends SimpleForwardingServerCall<ReqT, RespT> {
    @Nullable private volatile Status closedWith;

    TracedCall(ServerCall<ReqT, RespT> delegate) {
      super(delegate);
    }

    @Override
    public void close(Status status, Metadata trailers) {
      closedWith = status;
      super.close(status, trailers);
    }
  }

  /** Makes the call's context current around each callback and ends the span on the last one. */
  private static final class TracedListener<ReqT> extends SimpleForwardingServerCallListener<ReqT> {
    private final Context context;
    private final Span span;
    private final TracedCall<ReqT, ?> call;

    TracedListener(ServerCall.Listener<ReqT> delegate, Context context, Span span, TracedCall<ReqT, ?> call) {
      super(delegate);
      this.context = context;
      this.span = span;
      this.call = call;
    }

    @Override
    public void onMessage(ReqT message) {
      Scope scope = context.makeCurrent();
      try {
        super.onMessage(message);
      } finally {
        scope.close();
      }
    }

    @Override
    public void onHalfClose() {
      Scope scope = context.makeCurrent();
      try {
        super.onHalfClose();
      } finally {
        scope.close();
      }
    }

    @Override
    public void onReady() {
      Scope scope = context.makeCurrent();
      try {
        super.onReady();
      } finally {
        scope.close();
      }
    }

    private static final long DEADLINE_SKEW_MILLIS = 1_000;

    @Override
    public void onCancel() {
      Scope scope = context.makeCurrent();
      try {
        super.onCancel();
      } finally {
        scope.close();
        Status closed = call.closedWith;
        if (closed != null) {
          end(span, closed.getCode(), closed.getDescription());
        } else {
          // gRPC ends an expired call itself, without passing through close(); the deadline tells which.
          // A client whose deadline passed cancels a moment before the server's copy of that deadline
          // (taken when the headers arrived) expires, so a cancel that close to the deadline counts too.
          Deadline deadline = io.grpc.Context.current().getDeadline();
          boolean expired = deadline != null
              && deadline.timeRemaining(java.util.concurrent.TimeUnit.MILLISECONDS) < DEADLINE_SKEW_MILLIS;
          end(span, expired ? Status.Code.DEADLINE_EXCEEDED : Status.Code.CANCELLED, null);
        }
      }
    }

    @Override
    public void onComplete() {
      Scope scope = context.makeCurrent();
      try {
        super.onComplete();
      } finally {
        scope.close();
        Status closed = call.closedWith;
        end(span, closed != null ? closed.getCode() : Status.Code.OK, closed != null ? closed.getDescription() : null);
      }
    }
  }

  /** Reads propagation fields from ASCII request metadata, with the keys of the propagator's fields built once. */
  private static final class MetadataGetter implements TextMapGetter<Metadata> {
    private final Map<String, Metadata.Key<String>> known;

    MetadataGetter(Collection<String> fields) {
      Map<String, Metadata.Key<String>> keys = new HashMap<>();
      for (String field : fields) {
        keys.put(field, Metadata.Key.of(field, Metadata.ASCII_STRING_MARSHALLER));
      }
      this.known = Map.copyOf(keys);
    }

    @Override
    @Nullable
    public String get(@Nullable Metadata carrier, String key) {
      if (carrier == null || key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        return null;
      }
      Metadata.Key<String> metadataKey = known.get(key);
      return carrier.get(metadataKey != null ? metadataKey : Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
    }
  }
}
