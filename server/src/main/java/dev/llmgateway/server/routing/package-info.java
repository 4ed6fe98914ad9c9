/**
 * Model resolution and dispatch: the catalogue of configured models on enabled providers, the router
 * that turns the {@code model} a caller names (id, alias, or {@code provider/upstream-model}) into a
 * {@link dev.llmgateway.server.routing.Route} (deployments, defaults, capabilities, policy), the route
 * table of deployments and fallback chains (replaceable at runtime), and the dispatcher that walks a
 * route's deployments and fallbacks within the call's budget. Depends on {@code resilience},
 * {@code providers}, {@code config} and {@code errors}; never on {@code io.grpc} or {@code api}.
 * Values are non-null unless {@code @Nullable}.
 */
package dev.llmgateway.server.routing;
