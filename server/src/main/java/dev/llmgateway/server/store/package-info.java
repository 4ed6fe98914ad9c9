/**
 * The gateway's shared state behind three small interfaces: {@link dev.llmgateway.server.store.QuotaStore}
 * (fixed-window counters and concurrency leases per tenant), {@link dev.llmgateway.server.store.UsageStore}
 * (daily usage aggregates) and {@link dev.llmgateway.server.store.ApiKeyStore} (API-key records looked up
 * by their keyed hash). Each has an in-process implementation in {@code memory} and a Redis one in
 * {@code redis}, held to the same contract. Time always comes in as an argument, never from a clock read
 * here. A backend that cannot answer throws {@link dev.llmgateway.server.store.StoreUnavailableException};
 * whether to fail open or closed is the caller's decision. Nothing here or below imports {@code io.grpc}.
 * Values are non-null unless {@code @Nullable}.
 */
package dev.llmgateway.server.store;
