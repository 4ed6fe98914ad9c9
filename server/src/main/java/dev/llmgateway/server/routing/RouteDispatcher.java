package dev.llmgateway.server.routing;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.config.RoutePolicy;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ProviderRequest;
import dev.llmgateway.server.providers.ResultSink;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.server.resilience.AttemptLog;
import dev.llmgateway.server.resilience.Balancer;
import dev.llmgateway.server.resilience.CallBudget;
import dev.llmgateway.server.resilience.DeploymentGuards;
import dev.llmgateway.server.resilience.DeploymentRunner;
import dev.llmgateway.server.resilience.DispatchScheduler;
import dev.llmgateway.v1.RouteReport;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Dispatches one call along its route: the model's deployments in balancer order (each with its own
 * retries, circuit breaker and rate limit), then the fallback models in order, all within one budget.
 * Moves to another deployment on rate limits, unavailability, timeouts, open circuits and throttling;
 * to a fallback model only on the classes the route lists in {@code fallback-on}; never on invalid
 * requests, auth failures or content filtering. Optionally hedges unary calls. Thread-safe.
 */
@Singleton
public final class RouteDispatcher {
  private final DeploymentRunner runner;
  private final Balancer balancer;
  private final DispatchScheduler scheduler;
  private final DeploymentGuards guards;

  @Inject
  RouteDispatcher(DeploymentRunner runner, Balancer balancer, DispatchScheduler scheduler, DeploymentGuards guards) {
    this.runner = runner;
    this.balancer = balancer;
    this.scheduler = scheduler;
    this.guards = guards;
  }

  /**
   * One model of the chain with the request prepared for it (its defaults applied).
   *
   * @param route the model's route
   * @param request the request as that model takes it
   */
  public record Candidate<Q>(Route route, Q request) {}

  /** Starts one upstream call on a route narrowed to one deployment (see {@link Route#on}). */
  @FunctionalInterface
  public interface Starter<Q, R> {
    UpstreamCall start(Route route, ProviderRequest<Q> request, ResultSink<R> sink);
  }

  /** Receives the end of a dispatched call: exactly one of the first two, unless the caller cancelled. */
  public interface RouteSink<R> {
    /** A deployment served the call; {@code route} names it and every attempt. */
    void onSuccess(R result, RouteReport route);

    /** No deployment or fallback served the call; {@code error} is the last meaningful failure. */
    void onError(GatewayException error, RouteReport route);

    /**
     * An attempt whose request went out was abandoned (a hedge that lost its race): {@code result} is its
     * answer if one came, else null and the provider may have consumed the prompt.
     */
    default void onAbandoned(@Nullable R result) {
    }
  }

  /**
   * Starts dispatching; the returned handle cancels everything still in flight.
   *
   * @param chain the requested model first, then the fallbacks that can take the request; not empty
   * @param hedgeable whether the call may be hedged (unary, tool-free completions) if its route says so
   */
  public <Q, R> UpstreamCall dispatch(List<Candidate<Q>> chain, CallBudget budget, String requestId,
      boolean hedgeable, Starter<Q, R> starter, RouteSink<R> sink) {
    ChainRun<Q, R> run = new ChainRun<>(this, chain, budget, requestId, hedgeable, starter, sink);
    run.start();
    return run;
  }

  DeploymentRunner runner() {
    return runner;
  }

  Balancer balancer() {
    return balancer;
  }

  DispatchScheduler scheduler() {
    return scheduler;
  }

  DeploymentGuards guards() {
    return guards;
  }

  /** Returns whether a failure of this kind is worth trying on another deployment or model. */
  static boolean triesElsewhere(GatewayException error) {
    return switch (dev.llmgateway.server.resilience.ErrorClasses.of(error)) {
      case ERROR_CLASS_RATE_LIMITED, ERROR_CLASS_UNAVAILABLE, ERROR_CLASS_TIMEOUT, ERROR_CLASS_CIRCUIT_OPEN,
          ERROR_CLASS_THROTTLED, ERROR_CLASS_CONTEXT_WINDOW_EXCEEDED -> error.kind() != ErrorKind.DEADLINE_EXCEEDED;
      default -> false;
    };
  }

  /** Returns the policy that governs a chain: the requested model's. */
  static RoutePolicy policyOf(List<? extends Candidate<?>> chain) {
    return chain.get(0).route().policy();
  }
}
