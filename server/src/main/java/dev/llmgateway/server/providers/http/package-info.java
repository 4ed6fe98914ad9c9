/**
 * HTTP plumbing every HTTP-based adapter shares: per-provider clients derived from the one shared
 * OkHttp client (one connection pool, one dispatcher), call timeouts and cancellation, mapping of I/O
 * failures and generic HTTP statuses to {@link dev.llmgateway.server.errors.ErrorKind}, and JSON helpers.
 * Provider-specific parsing stays in each provider's package. No {@code io.grpc} imports.
 */
package dev.llmgateway.server.providers.http;
