package dev.llmgateway.server.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.google.protobuf.Message;
import dev.llmgateway.server.accounting.Accounting;
import dev.llmgateway.server.accounting.CallAccount;
import dev.llmgateway.server.accounting.CallInfo;
import dev.llmgateway.server.cache.CacheScope;
import dev.llmgateway.server.cache.ResponseCaching;
import dev.llmgateway.server.cache.Upstream;
import dev.llmgateway.server.edge.GatewayHeaders;
import dev.llmgateway.server.edge.Principal;
import dev.llmgateway.server.edge.RequestContext;
import dev.llmgateway.server.edge.ResponseMetadata;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ResultSink;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.server.resilience.CallBudget;
import dev.llmgateway.server.routing.ModelCatalog;
import dev.llmgateway.server.routing.Route;
import dev.llmgateway.server.routing.RouteDispatcher;
import dev.llmgateway.server.routing.RouteDispatcher.Candidate;
import dev.llmgateway.server.routing.Router;
import dev.llmgateway.server.telemetry.GenAiAttributes;
import dev.llmgateway.server.tokens.TokenCounter;
import dev.llmgateway.v1.Capability;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.CountTokensRequest;
import dev.llmgateway.v1.CountTokensResponse;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.EmbedResponse;
import dev.llmgateway.v1.GatewayServiceGrpc;
import dev.llmgateway.v1.GenerateImageRequest;
import dev.llmgateway.v1.GenerateImageResponse;
import dev.llmgateway.v1.ListModelsRequest;
import dev.llmgateway.v1.ListModelsResponse;
import dev.llmgateway.v1.Modality;
import dev.llmgateway.v1.RouteReport;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The data plane: Complete, CompleteStream, Embed, CountTokens, GenerateImage and ListModels. Each call
 * is validated, routed and handed to a provider adapter without blocking; the outcome is relayed when
 * it arrives. Complete, CompleteStream and Embed pass through the response cache, which may answer them
 * without an upstream call. A cancelled or expired call cancels its upstream request at once. Every failure
 * ends the call with a status from {@link dev.llmgateway.server.errors.StatusMapper}.
 */
@Singleton
final class GatewayServiceImpl extends GatewayServiceGrpc.GatewayServiceImplBase {
  private final RequestValidator validator;
  private final RequestPreparer preparer;
  private final Router router;
  private final ModelCatalog catalog;
  private final TokenCounter tokenCounter;
  private final Accounting accounting;
  private final CallErrors errors;
  private final GenAiAttributes genAi;
  private final Tracer tracer;
  private final ChainPlanner planner;
  private final RouteDispatcher dispatcher;
  private final ResponseCaching caching;

  @Inject
  GatewayServiceImpl(RequestValidator validator, RequestPreparer preparer, Router router, ModelCatalog catalog,
      TokenCounter tokenCounter, Accounting accounting, CallErrors errors, GenAiAttributes genAi,
      OpenTelemetry openTelemetry, ChainPlanner planner, RouteDispatcher dispatcher, ResponseCaching caching) {
    this.caching = caching;
    this.planner = planner;
    this.dispatcher = dispatcher;
    this.genAi = genAi;
    this.tracer = openTelemetry.getTracer("llm-gateway");
    this.validator = validator;
    this.preparer = preparer;
    this.router = router;
    this.catalog = catalog;
    this.tokenCounter = tokenCounter;
    this.accounting = accounting;
    this.errors = errors;
  }

  /** Starts one kind of upstream call on the adapter of a route narrowed to one deployment. */
  @FunctionalInterface
  private interface Dispatch<Q, R> extends RouteDispatcher.Starter<Q, R> {
  }

  /** Serves one kind of unary call through the response cache, or straight upstream. */
  @FunctionalInterface
  private interface Cached<Q, R> {
    UpstreamCall serve(CacheScope scope, Q prepared, ResultSink<R> sink, Upstream<Q, ResultSink<R>> upstream);

    static <Q, R> Cached<Q, R> never() {
      return (scope, prepared, sink, upstream) -> upstream.start(UnaryOperator.identity(), sink);
    }
  }

  @Override
  public void complete(CompleteRequest request, StreamObserver<CompleteResponse> observer) {
    unary(observer, "Complete", request.getModel(), () -> validator.validate(request),
        annotatedOnce(route -> preparer.prepare(request, route, false)),
        (route, prepared) -> admit("Complete", route, prepared),
        Metered.COMPLETE, caching::complete, request.getToolsCount() == 0,
        (route, up, sink) -> route.adapter().complete(up, sink));
  }

  @Override
  public void embed(EmbedRequest request, StreamObserver<EmbedResponse> observer) {
    unary(observer, "Embed", request.getModel(), () -> validator.validate(request),
        annotatedOnce(route -> preparer.prepare(request, route)),
        (route, prepared) -> admit("Embed", route, prepared),
        Metered.EMBED, caching::embed, false, (route, up, sink) -> route.adapter().embed(up, sink));
  }

  @Override
  public void generateImage(GenerateImageRequest request, StreamObserver<GenerateImageResponse> observer) {
    unary(observer, "GenerateImage", request.getModel(), () -> validator.validate(request),
        route -> preparer.prepare(request, route),
        (route, prepared) -> accounting.admit(info("GenerateImage", route), TokenCounter.estimate(prepared.getPrompt()),
            OptionalLong.of(0), route.price()),
        Metered.IMAGE, Cached.never(), false, (route, up, sink) -> route.adapter().generateImage(up, sink));
  }

  @Override
  public void countTokens(CountTokensRequest request, StreamObserver<CountTokensResponse> observer) {
    unary(observer, "CountTokens", request.getModel(), () -> validator.validate(request), route -> request,
        (route, prepared) -> accounting.admit(info("CountTokens", route), 0, OptionalLong.of(0), Optional.empty()),
        Metered.free(), Cached.never(), false, (route, upstream, sink) -> {
          if (route.adapter().countsTokens()) {
            return route.adapter().countTokens(upstream, sink);
          }
          sink.onSuccess(tokenCounter.count(request, route.upstreamModel(), route.tokenizer()).toBuilder()
              .setProvider(route.provider()).build());
          return UpstreamCall.DONE;
        });
  }

  @Override
  public void completeStream(CompleteRequest request, StreamObserver<CompleteStreamResponse> observer) {
    ServerCallStreamObserver<CompleteStreamResponse> call = (ServerCallStreamObserver<CompleteStreamResponse>) observer;
    String requestId = RequestContext.requestId();
    CancelLink link = new CancelLink();
    try {
      validator.validate(request);
      List<Candidate<CompleteRequest>> chain = planner.chain(resolveAllowed(request.getModel()),
          annotatedOnce(route -> preparer.prepare(request, route, true)));
      Route route = chain.get(0).route();
      // Before admission: a call whose deadline already passed must not hold a quota reservation.
      CallBudget budget = planner.budget();
      CallAccount account = admit("CompleteStream", route, chain.get(0).request());
      ResponseMetadata metadata = responseMetadata(account);
      StreamResponder responder = new StreamResponder(call, errors, route, requestId, account, metadata, genAi);
      // Both handlers must be registered before this method returns, as gRPC requires.
      call.setOnReadyHandler(responder::onReady);
      call.setOnCancelHandler(() -> {
        responder.onCancel();
        link.cancel();
      });
      AtomicReference<RouteReport> served = new AtomicReference<>();
      link.attach(caching.stream(new CacheScope("CompleteStream", route, account, metadata), chain.get(0).request(),
          new RoutedStreamSink(responder, served::get), (adjust, sink) -> {
            StreamAttempts attempts = planner.streamAttempts(sink, metadata, budget, chain, account, served::set);
            account.dispatched();
            return dispatcher.dispatch(ChainPlanner.adjusted(chain, adjust), budget, requestId, false,
                (target, upstream, resultSink) -> {
                  StreamAttemptSink attempt = attempts.attempt(resultSink);
                  return attempt.attach(target.adapter().stream(upstream, attempt));
                }, attempts);
          }));
    } catch (GatewayException e) {
      call.setOnCancelHandler(link::cancel);
      errors.fail(call, e, requestId);
    }
  }

  @Override
  public void listModels(ListModelsRequest request, StreamObserver<ListModelsResponse> observer) {
    String requestId = RequestContext.requestId();
    if (request.getCapability() == Capability.UNRECOGNIZED) {
      errors.fail(observer, GatewayException.invalidField("capability", "is not a known capability"), requestId);
      return;
    }
    if (request.getModality() == Modality.UNRECOGNIZED) {
      errors.fail(observer, GatewayException.invalidField("modality", "is not a known modality"), requestId);
      return;
    }
    observer.onNext(ListModelsResponse.newBuilder()
        .addAllModels(catalog.list(request.getProvider(), request.getCapability(), request.getVendor(),
            request.getModality()))
        .build());
    observer.onCompleted();
  }

  /** Admits a call against its quotas: one step of the unary path. */
  @FunctionalInterface
  private interface Admission<Q> {
    CallAccount admit(Route route, Q prepared);
  }

  /** Validates, routes, checks the key's model list, prepares, admits and dispatches one unary call. */
  private <Q, R> void unary(StreamObserver<R> observer, String method, String model, Runnable validate,
      Function<Route, Q> prepare, Admission<Q> admission, Metered<R> metered, Cached<Q, R> cached, boolean hedgeable,
      Dispatch<Q, R> dispatch) {
    ServerCallStreamObserver<R> call = (ServerCallStreamObserver<R>) observer;
    String requestId = RequestContext.requestId();
    CancelLink link = new CancelLink();
    AtomicReference<UnaryResponder<R>> responder = new AtomicReference<>();
    call.setOnCancelHandler(() -> {
      link.cancel();
      UnaryResponder<R> started = responder.get();
      if (started != null) {
        started.onCancel();
      }
    });
    try {
      validate.run();
      List<Candidate<Q>> chain = planner.chain(resolveAllowed(model), prepare);
      Route route = chain.get(0).route();
      CallBudget budget = planner.budget();
      CallAccount account = admission.admit(route, chain.get(0).request());
      ResponseMetadata metadata = responseMetadata(account);
      responder.set(new UnaryResponder<>(call, errors, route, requestId, account, metered, metadata, genAi));
      // The cache stores what the upstream answered; the caller's copy also says how the dispatch went.
      AtomicReference<RouteReport> served = new AtomicReference<>();
      ResultSink<R> toCaller = ResultSink.converting(responder.get(), r -> {
        RouteReport report = served.get();
        return report == null ? r : metered.withRoute(r, report);
      });
      link.attach(cached.serve(new CacheScope(method, route, account, metadata), chain.get(0).request(), toCaller,
          (adjust, sink) -> {
            account.dispatched();
            return dispatcher.dispatch(ChainPlanner.adjusted(chain, adjust), budget, requestId, hedgeable, dispatch,
                new ReportingSink<>(sink, metered, metadata, account, chain, served::set));
          }));
    } catch (GatewayException e) {
      errors.fail(call, e, requestId);
    }
  }

  /**
   * Returns {@code prepare} that also sets the span's GenAI request attributes for the first model of
   * the chain that takes the request, so the fallbacks prepared after it do not overwrite them.
   */
  private <Q extends Message> Function<Route, Q> annotatedOnce(Function<Route, Q> prepare) {
    AtomicBoolean pending = new AtomicBoolean(true);
    return route -> {
      Q prepared = prepare.apply(route);
      if (pending.compareAndSet(true, false)) {
        if (prepared instanceof CompleteRequest complete) {
          genAi.setRequest(Span.current(), complete, route.provider(), route.modelId());
        } else if (prepared instanceof EmbedRequest embed) {
          genAi.setRequest(Span.current(), embed, route.provider(), route.modelId());
        }
      }
      return prepared;
    };
  }

  /** Resolves the model, in a child span of its own, and checks that the caller's key may use it. */
  private Route resolveAllowed(String model) {
    Span routing = tracer.spanBuilder("route").startSpan();
    Route route;
    try {
      route = router.resolve(model);
      routing.setAttribute("llmgateway.route.model", route.modelId());
      routing.setAttribute(GenAiAttributes.PROVIDER_NAME, route.provider());
    } catch (GatewayException e) {
      routing.setStatus(StatusCode.ERROR, e.kind().name());
      throw e;
    } finally {
      routing.end();
    }
    Principal principal = RequestContext.principal();
    if (principal != null && !principal.allowsModel(List.of(route.modelId(), model))) {
      throw GatewayException.builder(ErrorKind.PERMISSION_DENIED, "API key '" + principal.keyId()
          + "' may not use model '" + model + "'").model(route.modelId()).build();
    }
    return route;
  }

  private CallAccount admit(String method, Route route, CompleteRequest request) {
    long output = request.hasMaxOutputTokens() ? request.getMaxOutputTokens() : route.maxOutputTokens();
    return accounting.admit(info(method, route), TokenCounter.estimate(request.getMessagesList(),
        request.getToolsList()), output > 0 ? OptionalLong.of(output) : OptionalLong.empty(), route.price());
  }

  private CallAccount admit(String method, Route route, EmbedRequest request) {
    long input = 0;
    for (int i = 0; i < request.getInputsCount(); i++) {
      input += TokenCounter.estimate(request.getInputs(i));
    }
    return accounting.admit(info(method, route), input, OptionalLong.of(0), route.price());
  }

  private static CallInfo info(String method, Route route) {
    Principal principal = RequestContext.principal();
    return new CallInfo(RequestContext.requestId(), method, principal == null ? Accounting.ANONYMOUS
        : principal.keyId(), route.modelId(), route.provider());
  }

  /** Returns the call's response metadata, with the remaining quota already in its headers. */
  private static ResponseMetadata responseMetadata(CallAccount account) {
    ResponseMetadata metadata = RequestContext.RESPONSE_METADATA.get();
    if (metadata == null) {
      // Outside the edge interceptors (never in production): collect into a throwaway holder.
      metadata = new ResponseMetadata();
    }
    String remaining = account.remainingQuota();
    if (!remaining.isEmpty()) {
      metadata.addHeader(GatewayHeaders.X_QUOTA_REMAINING, remaining);
    }
    return metadata;
  }
}
