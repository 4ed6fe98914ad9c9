package dev.llmgateway.server.api;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.accounting.CallAccount;
import dev.llmgateway.server.config.GatewayConfig;
import dev.llmgateway.server.config.DispatchConfig;
import dev.llmgateway.server.edge.Principal;
import dev.llmgateway.server.edge.RequestContext;
import dev.llmgateway.server.edge.ResponseMetadata;
import dev.llmgateway.server.providers.StreamSink;
import dev.llmgateway.server.resilience.DispatchScheduler;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.resilience.CallBudget;
import dev.llmgateway.server.routing.Route;
import dev.llmgateway.server.routing.RouteDispatcher.Candidate;
import dev.llmgateway.server.routing.Router;
import dev.llmgateway.v1.RouteReport;
import io.grpc.Context;
import io.grpc.Deadline;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Plans a call's dispatch: its budget from the client's deadline and the configured default and
 * maximum, and its chain of models: the requested one, then each fallback the caller's key may use
 * whose provider is on, each with the request prepared for it. A model that cannot take the request
 * (a capability it lacks, an output limit) is left out, so a request the requested model cannot serve
 * goes to the first fallback that can. Thread-safe.
 */
@Singleton
final class ChainPlanner {
  private final Router router;
  private final DispatchConfig config;
  private final DispatchScheduler scheduler;

  @Inject
  ChainPlanner(Router router, GatewayConfig config, DispatchScheduler scheduler) {
    this.router = router;
    this.config = config.dispatch();
    this.scheduler = scheduler;
  }

  /**
   * Returns the streaming side of a dispatch along {@code chain} that ends in {@code next}; {@code served}
   * hears the route report once an attempt commits.
   */
  StreamAttempts streamAttempts(StreamSink next, ResponseMetadata metadata, CallBudget budget,
      List<? extends Candidate<?>> chain, CallAccount account, Consumer<RouteReport> served) {
    return new StreamAttempts(next, metadata, scheduler, budget, config.timeToFirstToken(), config.streamIdle(),
        report -> {
          servedBy(account, chain, report);
          served.accept(report);
        });
  }

  /** Returns {@code chain} with {@code adjust} applied to each model's request (the cache's adjustment). */
  static <Q> List<Candidate<Q>> adjusted(List<Candidate<Q>> chain, UnaryOperator<Q> adjust) {
    List<Candidate<Q>> out = new ArrayList<>(chain.size());
    for (Candidate<Q> candidate : chain) {
      out.add(new Candidate<>(candidate.route(), adjust.apply(candidate.request())));
    }
    return out;
  }

  /** Notes on {@code account} the model and provider that served, at that model's price. */
  static void servedBy(CallAccount account, List<? extends Candidate<?>> chain, RouteReport report) {
    for (Candidate<?> candidate : chain) {
      if (candidate.route().modelId().equals(report.getModel())) {
        account.servedBy(report.getModel(), report.getProvider(), candidate.route().price());
        return;
      }
    }
  }

  /**
   * Returns the chain for {@code route}, the caller's choice.
   *
   * @throws GatewayException the requested model's INVALID_REQUEST when no model of the chain can take
   *     the request
   */
  <Q> List<Candidate<Q>> chain(Route route, Function<Route, Q> prepare) {
    List<Candidate<Q>> chain = new ArrayList<>(1 + route.policy().fallbacks().size());
    GatewayException refused = null;
    try {
      chain.add(new Candidate<>(route, prepare.apply(route)));
    } catch (GatewayException e) {
      if (e.kind() != ErrorKind.INVALID_REQUEST || route.policy().fallbacks().isEmpty()) {
        throw e;
      }
      refused = e;
    }
    Principal principal = RequestContext.principal();
    for (String id : route.policy().fallbacks()) {
      if (principal != null && !principal.allowsModel(List.of(id))) {
        continue;
      }
      try {
        Route fallback = router.resolve(id);
        chain.add(new Candidate<>(fallback, prepare.apply(fallback)));
      } catch (GatewayException e) {
        // A fallback that is off or cannot take this request is no fallback for it.
        if (e.kind() != ErrorKind.INVALID_REQUEST && e.kind() != ErrorKind.MODEL_NOT_FOUND) {
          throw e;
        }
      }
    }
    if (chain.isEmpty()) {
      throw refused;
    }
    return chain;
  }

  /**
   * Returns the budget of the current call.
   *
   * @throws GatewayException DEADLINE_EXCEEDED when the client's deadline already passed
   */
  CallBudget budget() {
    Deadline deadline = Context.current().getDeadline();
    long remaining = deadline == null ? -1 : deadline.timeRemaining(TimeUnit.NANOSECONDS);
    if (deadline != null && remaining <= 0) {
      throw GatewayException.builder(ErrorKind.DEADLINE_EXCEEDED, "the call's deadline passed before dispatch").build();
    }
    return CallBudget.of(remaining, config.defaultDeadline(), config.maxDeadline());
  }
}
