package dev.llmgateway.server.api;

import dev.llmgateway.server.accounting.CallAccount;
import dev.llmgateway.server.accounting.CallUsage;
import dev.llmgateway.server.edge.GatewayHeaders;
import dev.llmgateway.server.edge.ResponseMetadata;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ResultSink;
import dev.llmgateway.server.routing.RouteDispatcher;
import dev.llmgateway.v1.RouteReport;
import java.util.List;
import java.util.function.Consumer;
import javax.annotation.Nullable;

/**
 * Ends a dispatched unary call: puts the route report in the trailers, hands it to {@code served} (which
 * puts it in the caller's response) and the outcome to the next sink; charges abandoned hedges.
 */
final class ReportingSink<R> implements RouteDispatcher.RouteSink<R> {
  private final ResultSink<R> responder;
  private final Metered<R> metered;
  private final ResponseMetadata metadata;
  private final CallAccount account;
  private final List<? extends RouteDispatcher.Candidate<?>> chain;
  private final Consumer<RouteReport> served;

  ReportingSink(ResultSink<R> responder, Metered<R> metered, ResponseMetadata metadata, CallAccount account,
      List<? extends RouteDispatcher.Candidate<?>> chain, Consumer<RouteReport> served) {
    this.chain = chain;
    this.served = served;
    this.responder = responder;
    this.metered = metered;
    this.metadata = metadata;
    this.account = account;
  }

  @Override
  public void onSuccess(R result, RouteReport route) {
    ChainPlanner.servedBy(account, chain, route);
    metadata.addTrailer(GatewayHeaders.X_ROUTE_REPORT_BIN, route.toByteArray());
    served.accept(route);
    responder.onSuccess(result);
  }

  @Override
  public void onError(GatewayException error, RouteReport route) {
    metadata.addTrailer(GatewayHeaders.X_ROUTE_REPORT_BIN, route.toByteArray());
    responder.onError(error);
  }

  @Override
  public void onAbandoned(@Nullable R result) {
    account.abandoned(result != null ? metered.usage(result) : CallUsage.estimated(account.inputEstimate(), 0));
  }
}
