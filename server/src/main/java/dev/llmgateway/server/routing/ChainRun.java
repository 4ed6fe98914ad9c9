package dev.llmgateway.server.routing;

import dev.llmgateway.server.config.RoutePolicy;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ProviderRequest;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.server.resilience.AttemptLog;
import dev.llmgateway.server.resilience.CallBudget;
import dev.llmgateway.server.resilience.Deployment;
import dev.llmgateway.server.resilience.DeploymentRunner;
import dev.llmgateway.server.resilience.ErrorClasses;
import dev.llmgateway.v1.ErrorClass;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import javax.annotation.Nullable;

/**
 * The state of one dispatched call: which model of the chain and which deployment come next, the lanes
 * in flight (two while a hedge races), and the attempt log. State changes happen under the instance
 * lock; upstream calls start without blocking, so holding it while starting one is cheap.
 */
final class ChainRun<Q, R> implements UpstreamCall {
  private static final long SPENT_NANOS = 10_000_000;

  private final RouteDispatcher dispatcher;
  private final List<RouteDispatcher.Candidate<Q>> chain;
  private final CallBudget budget;
  private final String requestId;
  private final boolean hedgeable;
  private final RouteDispatcher.Starter<Q, R> starter;
  private final RouteDispatcher.RouteSink<R> sink;
  private final RoutePolicy policy;
  private final AttemptLog log = new AttemptLog();
  private final List<Lane> lanes = new ArrayList<>(2);
  private int model = -1;
  private List<Deployment> order = List.of();
  private int position;
  private boolean done;
  private boolean hedged;
  @Nullable private GatewayException last;
  @Nullable private GatewayException lastUpstream;
  @Nullable private Future<?> budgetTimer;
  @Nullable private Future<?> hedgeTimer;
  // The lane that served: a stream it serves goes on after the dispatch is done, and may be cancelled.
  @Nullable private Lane served;

  ChainRun(RouteDispatcher dispatcher, List<RouteDispatcher.Candidate<Q>> chain, CallBudget budget, String requestId,
      boolean hedgeable, RouteDispatcher.Starter<Q, R> starter, RouteDispatcher.RouteSink<R> sink) {
    this.dispatcher = dispatcher;
    this.chain = chain;
    this.budget = budget;
    this.requestId = requestId;
    this.hedgeable = hedgeable;
    this.starter = starter;
    this.sink = sink;
    this.policy = RouteDispatcher.policyOf(chain);
  }

  /** One run on one deployment (with its retries). */
  private final class Lane implements DeploymentRunner.Outcome<R> {
    private DeploymentRunner.Running call = DeploymentRunner.Running.NONE;

    @Override
    public void onSuccess(R result, AttemptLog.Entry served) {
      succeeded(this, result, served);
    }

    @Override
    public void onError(GatewayException error) {
      failed(this, error);
    }
  }

  synchronized void start() {
    // Without a client deadline, gRPC will not end the call: the gateway's own budget must.
    if (!budget.isClientDeadline()) {
      budgetTimer = dispatcher.scheduler().schedule(this::budgetSpent, budget.remainingNanos());
    }
    next();
  }

  private void next() {
    while (!done) {
      if (position < order.size()) {
        startLane(order.get(position++), false);
        return;
      }
      // This model's deployments are exhausted: fall back only for the classes the route allows.
      if (last != null && model >= 0 && !policy.fallbackOn().contains(ErrorClasses.of(last))) {
        fail(last);
        return;
      }
      if (++model >= chain.size()) {
        fail(last != null ? last : GatewayException.builder(ErrorKind.PROVIDER_UNAVAILABLE,
            "no deployment could take the call").build());
        return;
      }
      Route route = chain.get(model).route();
      order = dispatcher.balancer().order(route.deployments(), route.policy().loadBalancing());
      position = 0;
    }
  }

  private void startLane(Deployment deployment, boolean hedge) {
    RouteDispatcher.Candidate<Q> candidate = chain.get(model);
    Lane lane = new Lane();
    lanes.add(lane);
    DeploymentRunner.Running call = dispatcher.runner().run(candidate.route().modelId(), deployment, budget, log, hedge,
        (d, timeout, resultSink) -> starter.start(candidate.route().on(d),
            new ProviderRequest<>(candidate.request(), d.upstreamModel(), timeout, requestId), resultSink),
        lane);
    lane.call = call;
    if (!hedge && !done) {
      scheduleHedge(deployment);
    }
  }

  private void scheduleHedge(Deployment first) {
    RoutePolicy.Hedge hedge = policy.hedge().orElse(null);
    if (hedge == null || !hedgeable || hedged || model != 0 || position >= order.size() || lanes.isEmpty()) {
      return;
    }
    hedged = true;
    long delay = hedge.delay().toNanos();
    if (hedge.p95()) {
      delay = Math.max(delay, dispatcher.guards().guard(first).p95LatencyNanos());
    }
    hedgeTimer = dispatcher.scheduler().schedule(this::hedge, delay);
  }

  private synchronized void hedge() {
    if (!done && !lanes.isEmpty() && model == 0 && position < order.size()) {
      startLane(order.get(position++), true);
    }
  }

  private synchronized void succeeded(Lane lane, R result, AttemptLog.Entry served) {
    lanes.remove(lane);
    if (done) {
      // Both racers answered: the loser's real usage still counts.
      sink.onAbandoned(result);
      return;
    }
    this.served = lane;
    finish();
    sink.onSuccess(result, log.report(served));
  }

  private synchronized void failed(Lane lane, GatewayException error) {
    lanes.remove(lane);
    if (done) {
      return;
    }
    // An attempt's timeout is the rest of the budget: when it expires, so has the call.
    if (ErrorClasses.of(error) == ErrorClass.ERROR_CLASS_TIMEOUT && budget.remainingNanos() < SPENT_NANOS) {
      budgetSpent();
      return;
    }
    last = error;
    if (!ErrorClasses.skipped(error)) {
      lastUpstream = error;
    }
    if (!RouteDispatcher.triesElsewhere(error)) {
      fail(error);
      return;
    }
    // Every deployment of a model has the same window: only a fallback with a larger one can help.
    if (ErrorClasses.of(error) == ErrorClass.ERROR_CLASS_CONTEXT_WINDOW_EXCEEDED) {
      position = order.size();
    }
    // A racing hedge may still answer.
    if (lanes.isEmpty()) {
      next();
    }
  }

  private synchronized void budgetSpent() {
    if (!done) {
      fail(GatewayException.builder(ErrorKind.DEADLINE_EXCEEDED, "the call's time budget ran out").build());
    }
  }

  private void fail(GatewayException error) {
    finish();
    // The last failure an upstream actually returned says more than "circuit open" or "throttled".
    GatewayException meaningful = ErrorClasses.skipped(error) && lastUpstream != null
        ? lastUpstream : error;
    if (log.size() > 1) {
      meaningful = meaningful.withMetadata("attempts", Integer.toString(log.size()));
    }
    sink.onError(meaningful, log.report(null));
  }

  /** Marks the call done and cancels timers and every lane still in flight (a hedge's loser). */
  private void finish() {
    done = true;
    cancelTimers();
    for (Lane other : List.copyOf(lanes)) {
      other.call.cancel("cancelled: another attempt answered first");
      sink.onAbandoned(null);
    }
    lanes.clear();
  }

  private void cancelTimers() {
    if (budgetTimer != null) {
      budgetTimer.cancel(false);
    }
    if (hedgeTimer != null) {
      hedgeTimer.cancel(false);
    }
  }

  @Override
  public synchronized void cancel() {
    if (done) {
      if (served != null) {
        served.call.cancel("cancelled by the caller");
      }
      return;
    }
    done = true;
    cancelTimers();
    for (Lane lane : List.copyOf(lanes)) {
      lane.call.cancel("cancelled by the caller");
    }
    lanes.clear();
  }
}
