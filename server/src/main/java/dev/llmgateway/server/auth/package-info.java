/**
 * API-key authentication without gRPC: checking a presented key against the key store (through a
 * short-lived cache), the scope each method needs, installing the configured keys at start and issuing
 * the first admin key. The edge's {@code AuthInterceptor} reads the headers and turns the outcome into a
 * call status; nothing here imports {@code io.grpc}, and keys themselves never reach a log line or an
 * exception. Values are non-null unless {@code @Nullable}.
 */
package dev.llmgateway.server.auth;
