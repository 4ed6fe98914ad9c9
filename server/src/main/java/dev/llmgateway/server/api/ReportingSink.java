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
import javax.annotation.Nullable;

/**
 * Ends a dispatched unary call: puts the route report in the response (where the message has a field
 * for it) and in the trailers, then hands the outcome to the responder; charges abandoned hedges.
 */
final class ReportingSink<R> implements RouteDispatcher.RouteSink<R> {
  private final ResultSink<R> responder;
  private final Metered<R> metered;
  private final ResponseMetadata metadata;
  private final CallAccount account;
  private final List<? extends RouteDispatcher.Candidate<?>> chain;

  ReportingSink(ResultSink<R> responder, Metered<R> metered, ResponseMetadata metadata, CallAccount account,
      List<? extends RouteDispatcher.Candidate<?>> chain) {
    this.chain = chain;
    this.responder = responder;
    this.metered = metered;
    this.metadata = metadata;
    this.account = account;
  }

  @Override
  public void onSuccess(R result, RouteReport route) {
    ChainPlanner.servedBy(account, chain, route);
    metadata.addTrailer(GatewayHeaders.X_ROUTE_REPORT_BIN, route.toByteArray());
    responder.onSuccess(metered.withRoute(result, route));
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
