/**
 * Quotas and usage for each call: admission before the upstream call (reserve requests, estimated
 * tokens, estimated spend and an in-flight slot against the key's limits in the
 * {@link dev.llmgateway.server.store.QuotaStore}), and settlement after it (reconcile with the real usage,
 * record the usage aggregate, metrics and the access log line). No gRPC imports: callers map the
 * {@link dev.llmgateway.server.errors.GatewayException}s it throws.
 */
package dev.llmgateway.server.accounting;
