package dev.llmgateway.server.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.edge.RequestContext;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ProviderRequest;
import dev.llmgateway.server.routing.ModelCatalog;
import dev.llmgateway.server.routing.Route;
import dev.llmgateway.server.routing.Router;
import dev.llmgateway.v1.Capability;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.EmbedResponse;
import dev.llmgateway.v1.GatewayServiceGrpc;
import dev.llmgateway.v1.ListModelsRequest;
import dev.llmgateway.v1.ListModelsResponse;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;

/**
 * The data plane: Complete, CompleteStream, Embed and ListModels. Each call is validated, routed and
 * handed to a provider adapter without blocking; the outcome is relayed when it arrives. A cancelled or
 * expired call cancels its upstream request at once. Every failure ends the call with a status from
 * {@link dev.llmgateway.server.errors.StatusMapper}.
 */
@Singleton
final class GatewayServiceImpl extends GatewayServiceGrpc.GatewayServiceImplBase {
  private final RequestValidator validator;
  private final RequestPreparer preparer;
  private final Router router;
  private final ModelCatalog catalog;
  private final CallErrors errors;

  @Inject
  GatewayServiceImpl(RequestValidator validator, RequestPreparer preparer, Router router, ModelCatalog catalog,
      CallErrors errors) {
    this.validator = validator;
    this.preparer = preparer;
    this.router = router;
    this.catalog = catalog;
    this.errors = errors;
  }

  @Override
  public void complete(CompleteRequest request, StreamObserver<CompleteResponse> observer) {
    ServerCallStreamObserver<CompleteResponse> call = (ServerCallStreamObserver<CompleteResponse>) observer;
    String requestId = RequestContext.requestId();
    CancelLink link = new CancelLink();
    call.setOnCancelHandler(link::cancel);
    try {
      validator.validate(request);
      Route route = router.resolve(request.getModel());
      CompleteRequest prepared = preparer.prepare(request, route, false);
      ProviderRequest<CompleteRequest> upstream =
          new ProviderRequest<>(prepared, route.upstreamModel(), remainingTime(), requestId);
      link.attach(route.adapter().complete(upstream, new UnaryResponder<>(call, errors, route, requestId)));
    } catch (GatewayException e) {
      errors.fail(call, e, requestId);
    }
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
  public void embed(EmbedRequest request, StreamObserver<EmbedResponse> observer) {
    ServerCallStreamObserver<EmbedResponse> call = (ServerCallStreamObserver<EmbedResponse>) observer;
    String requestId = RequestContext.requestId();
    CancelLink link = new CancelLink();
    call.setOnCancelHandler(link::cancel);
    try {
      validator.validate(request);
      Route route = router.resolve(request.getModel());
      EmbedRequest prepared = preparer.prepare(request, route);
      ProviderRequest<EmbedRequest> upstream =
          new ProviderRequest<>(prepared, route.upstreamModel(), remainingTime(), requestId);
      link.attach(route.adapter().embed(upstream, new UnaryResponder<>(call, errors, route, requestId)));
    } catch (GatewayException e) {
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
    observer.onNext(ListModelsResponse.newBuilder()
        .addAllModels(catalog.list(request.getProvider(), request.getCapability()))
        .build());
    observer.onCompleted();
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
