/**
 * Redis implementations of the stores, shared by every replica that points at the same Redis: standalone,
 * Sentinel or Cluster, through one Jedis {@code UnifiedJedis} built by {@link
 * dev.llmgateway.server.store.redis.RedisClients}. Every key format lives in {@link
 * dev.llmgateway.server.store.redis.RedisKeys}; a tenant's quota keys share one hash tag, so each quota
 * operation is one Lua script on one Cluster slot and one round trip. Every key carries a TTL. Jedis failures
 * leave this package only as {@link dev.llmgateway.server.store.StoreUnavailableException}. Needs Redis 6.2 or
 * later. Nothing here imports {@code io.grpc}. Values are non-null unless {@code @Nullable}.
 */
package dev.llmgateway.server.store.redis;
