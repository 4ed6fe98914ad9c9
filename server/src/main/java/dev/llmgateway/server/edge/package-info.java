/**
 * Server interceptors that run before any service method, in the one order declared by
 * {@link dev.llmgateway.server.edge.EdgeModule}, and the per-call values they leave in the gRPC
 * {@code Context} ({@link dev.llmgateway.server.edge.RequestContext}) and headers
 * ({@link dev.llmgateway.server.edge.GatewayHeaders}). Values are non-null unless {@code @Nullable}.
 */
package dev.llmgateway.server.edge;
