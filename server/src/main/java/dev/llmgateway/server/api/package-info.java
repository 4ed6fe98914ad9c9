/**
 * The gRPC services: validate the request, resolve its route, apply the model's defaults, hand it to
 * the provider adapter, and relay the outcome, streaming chunk by chunk with flow control and
 * cancellation tied to the upstream call. Depends on {@code routing}, {@code providers}, {@code edge}
 * (request context), {@code errors} and {@code config}. Values are non-null unless {@code @Nullable}.
 */
package dev.llmgateway.server.api;
