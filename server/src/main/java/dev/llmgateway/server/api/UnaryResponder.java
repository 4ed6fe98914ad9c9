package dev.llmgateway.server.api;

import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ResultSink;
import dev.llmgateway.server.routing.Route;
import io.grpc.stub.ServerCallStreamObserver;

/** Relays a unary upstream outcome to the caller. */
final class UnaryResponder<T> implements ResultSink<T> {
  private final ServerCallStreamObserver<T> call;
  private final CallErrors errors;
  private final Route route;
  private final String requestId;

  UnaryResponder(ServerCallStreamObserver<T> call, CallErrors errors, Route route, String requestId) {
    this.call = call;
    this.errors = errors;
    this.route = route;
    this.requestId = requestId;
  }

  @Override
  public void onSuccess(T result) {
    // After a cancel the call is closed; with a cancel handler set, onNext is then a no-op.
    call.onNext(result);
    call.onCompleted();
  }

  @Override
  public void onError(GatewayException error) {
    errors.fail(call, error.withTarget(route.provider(), route.modelId()), requestId);
  }
}
