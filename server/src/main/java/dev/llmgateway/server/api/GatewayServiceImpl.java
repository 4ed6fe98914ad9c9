package dev.llmgateway.server.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.edge.RequestContext;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ProviderRequest;
import dev.llmgateway.server.providers.ResultSink;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.server.routing.ModelCatalog;
import dev.llmgateway.server.routing.Route;
import dev.llmgateway.server.routing.Router;
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
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.annotation.Nullable;

/**
 * The data plane: Complete, CompleteStream, Embed, CountTokens, GenerateImage and ListModels. Each call
 * is validated, routed and handed to a provider adapter without blocking; the outcome is relayed when
 * it arrives. A cancelled or expired call cancels its upstream request at once. Every failure ends the
 * call with a status from {@link dev.llmgateway.server.errors.StatusMapper}.
 */
@Singleton
final class GatewayServiceImpl extends GatewayServiceGrpc.GatewayServiceImplBase {
  private final RequestValidator validator;
  private final RequestPreparer preparer;
  private final Router router;
  private final ModelCatalog catalog;
  private final TokenCounter tokenCounter;
  private final CallErrors errors;

  @Inject
  GatewayServiceImpl(RequestValidator validator, RequestPreparer preparer, Router router, ModelCatalog catalog,
      TokenCounter tokenCounter, CallErrors errors) {
    this.validator = validator;
    this.preparer = preparer;
    this.router = router;
    this.catalog = catalog;
    this.tokenCounter = tokenCounter;
    this.errors = errors;
  }

  /** Starts one kind of upstream call on the route's adapter. */
  @FunctionalInterface
  private interface Dispatch<Q, R> {
    UpstreamCall start(Route route, ProviderRequest<Q> request, ResultSink<R> sink);
  }

  @Override
  public void complete(CompleteRequest request, StreamObserver<CompleteResponse> observer) {
    unary(observer, request.getModel(), () -> validator.validate(request),
        route -> preparer.prepare(request, route, false), (route, up, sink) -> route.adapter().complete(up, sink));
  }

  @Override
  public void embed(EmbedRequest request, StreamObserver<EmbedResponse> observer) {
    unary(observer, request.getModel(), () -> validator.validate(request),
        route -> preparer.prepare(request, route), (route, up, sink) -> route.adapter().embed(up, sink));
  }

  @Override
  public void generateImage(GenerateImageRequest request, StreamObserver<GenerateImageResponse> observer) {
    unary(observer, request.getModel(), () -> validator.validate(request),
        route -> preparer.prepare(request, route), (route, up, sink) -> route.adapter().generateImage(up, sink));
  }

  @Override
  public void countTokens(CountTokensRequest request, StreamObserver<CountTokensResponse> observer) {
    unary(observer, request.getModel(), () -> validator.validate(request), route -> request,
        (route, upstream, sink) -> {
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
      Route route = router.resolve(request.getModel());
      CompleteRequest prepared = preparer.prepare(request, route, true);
      StreamResponder responder = new StreamResponder(call, errors, route, requestId);
      // Both handlers must be registered before this method returns, as gRPC requires.
      call.setOnReadyHandler(responder::onReady);
      call.setOnCancelHandler(() -> {
        responder.onCancel();
        link.cancel();
      });
      ProviderRequest<CompleteRequest> upstream =
          new ProviderRequest<>(prepared, route.upstreamModel(), remainingTime(), requestId);
      link.attach(route.adapter().stream(upstream, responder));
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

  /** Validates, routes, prepares and dispatches one unary call, relaying its outcome. */
  private <Q, R> void unary(StreamObserver<R> observer, String model, Runnable validate, Function<Route, Q> prepare,
      Dispatch<Q, R> dispatch) {
    ServerCallStreamObserver<R> call = (ServerCallStreamObserver<R>) observer;
    String requestId = RequestContext.requestId();
    CancelLink link = new CancelLink();
    call.setOnCancelHandler(link::cancel);
    try {
      validate.run();
      Route route = router.resolve(model);
      Q prepared = prepare.apply(route);
      ProviderRequest<Q> upstream = new ProviderRequest<>(prepared, route.upstreamModel(), remainingTime(), requestId);
      link.attach(dispatch.start(route, upstream, new UnaryResponder<>(call, errors, route, requestId)));
    } catch (GatewayException e) {
      errors.fail(call, e, requestId);
    }
  }

  /**
   * Returns the time left before the caller's deadline, or null when it set none.
   *
   * @throws GatewayException DEADLINE_EXCEEDED when no time is left, so no upstream call starts
   */
  @Nullable
  private static Duration remainingTime() {
    Deadline deadline = Context.current().getDeadline();
    if (deadline == null) {
      return null;
    }
    long nanos = deadline.timeRemaining(TimeUnit.NANOSECONDS);
    if (nanos <= 0) {
      throw GatewayException.builder(ErrorKind.DEADLINE_EXCEEDED, "the call's deadline passed before dispatch").build();
    }
    return Duration.ofNanos(nanos);
  }
}
