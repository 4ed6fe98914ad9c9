/**
 * Model resolution: the catalogue of configured models on enabled providers, and the router that turns
 * the {@code model} a caller names (id, alias, or {@code provider/upstream-model}) into a
 * {@link dev.llmgateway.server.routing.Route}: which adapter, which upstream model, which defaults and
 * capabilities. Depends on {@code providers}, {@code config} and {@code errors}; never on {@code io.grpc}.
 * Values are non-null unless {@code @Nullable}.
 */
package dev.llmgateway.server.routing;
