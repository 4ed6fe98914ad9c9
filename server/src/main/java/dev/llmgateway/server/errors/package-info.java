/**
 * The gateway's closed error taxonomy ({@link dev.llmgateway.server.errors.ErrorKind}), the one
 * exception type that carries it, and {@link dev.llmgateway.server.errors.StatusMapper}, the only
 * place that turns an error into an {@code io.grpc.Status}. Every other package may depend on this
 * one; only {@code StatusMapper} here touches gRPC. Values are non-null unless documented otherwise.
 */
package dev.llmgateway.server.errors;
