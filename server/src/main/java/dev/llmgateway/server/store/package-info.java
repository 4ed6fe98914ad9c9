/**
 * The gateway's state behind small interfaces, gathered by {@link dev.llmgateway.server.store.Store}:
 * {@link dev.llmgateway.server.store.QuotaStore} (fixed-window counters and concurrency leases per tenant),
 * {@link dev.llmgateway.server.store.UsageStore} (daily usage aggregates),
 * {@link dev.llmgateway.server.store.ApiKeyStore} (API-key records looked up by their keyed hash),
 * {@link dev.llmgateway.server.store.CatalogStore} (providers and models added at run time),
 * {@link dev.llmgateway.server.store.AuditStore} (the audit log) and
 * {@link dev.llmgateway.server.store.StoreChanges} (change announcements between replicas). Each has an embedded
 * implementation in {@code sqlite} (quota counters excepted), an in-process one in {@code memory} and a Redis one in
 * {@code redis}, held to the same contract tests. Time always comes in as an argument, never from a clock read
 * here. A backend that cannot answer throws {@link dev.llmgateway.server.store.StoreUnavailableException};
 * whether to fail open or closed is the caller's decision. Nothing here or below imports {@code io.grpc}.
 * Values are non-null unless {@code @Nullable}.
 */
package dev.llmgateway.server.store;
