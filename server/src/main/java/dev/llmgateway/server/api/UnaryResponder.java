package dev.llmgateway.server.api;

import dev.llmgateway.server.accounting.CallAccount;
import dev.llmgateway.server.accounting.CallUsage;
import dev.llmgateway.server.edge.GatewayHeaders;
import dev.llmgateway.server.edge.ResponseMetadata;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.errors.StatusMapper;
import dev.llmgateway.server.providers.ResultSink;
import dev.llmgateway.server.routing.Route;
import dev.llmgateway.server.telemetry.GenAiAttributes;
import io.grpc.stub.ServerCallStreamObserver;
import io.opentelemetry.api.trace.Span;

/** Relays a unary upstream outcome to the caller, then settles the call's account. */
final class UnaryResponder<T> implements ResultSink<T> {
  private final ServerCallStreamObserver<T> call;
  private final CallErrors errors;
  private final Route route;
  private final String requestId;
  private final CallAccount account;
  private final Metered<T> metered;
  private final ResponseMetadata metadata;
  private final GenAiAttributes genAi;
  // Captured on the handler thread, where the call's span is current; responses arrive on other threads.
  private final Span span = Span.current();

  UnaryResponder(ServerCallStreamObserver<T> call, CallErrors errors, Route route, String requestId,
      CallAccount account, Metered<T> metered, ResponseMetadata metadata, GenAiAttributes genAi) {
    this.genAi = genAi;
    this.call = call;
    this.errors = errors;
    this.route = route;
    this.requestId = requestId;
    this.account = account;
    this.metered = metered;
    this.metadata = metadata;
  }

  /** Settles a call the client cancelled: its prompt reached the provider, its answer never came back. */
  void onCancel() {
    account.settle("CANCELLED", account.wasDispatched() ? CallUsage.estimated(account.inputEstimate(), 0)
        : CallUsage.NONE, "");
  }

  @Override
  public void onSuccess(T result) {
    account.upstreamFinished();
    metadata.addTrailer(GatewayHeaders.X_GATEWAY_OVERHEAD_US, Long.toString(account.overheadMicros()));
    // After a cancel the call is closed; with a cancel handler set, onNext is then a no-op.
    metered.annotate(genAi, span, result);
    call.onNext(result);
    call.onCompleted();
    account.settle("OK", metered.usage(result), metered.finishReason(result));
  }

  @Override
  public void onError(GatewayException error) {
    account.upstreamFinished();
    metadata.addTrailer(GatewayHeaders.X_GATEWAY_OVERHEAD_US, Long.toString(account.overheadMicros()));
    errors.fail(call, error.withTarget(route.provider(), route.modelId()), requestId);
    // A provider that answered with an error status charged nothing; one that timed out or dropped the
    // connection may have read the whole prompt.
    CallUsage usage = error.upstreamStatus() != 0 || !account.wasDispatched() ? CallUsage.NONE
        : CallUsage.estimated(account.inputEstimate(), 0);
    account.settle(StatusMapper.codeOf(error.kind()).name(), usage, "");
  }
}
