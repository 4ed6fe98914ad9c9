package dev.llmgateway.server.config;

import dev.llmgateway.server.store.StoreSettings;
import dev.llmgateway.server.store.redis.RedisConfig;
import java.util.Optional;

/**
 * Where keys, quota counters and usage live.
 *
 * @param redis the Redis deployment, or empty for the in-process store (single replica, lost on restart)
 * @param settings tuning shared by both backends
 */
public record StoreConfig(Optional<RedisConfig> redis, StoreSettings settings) {}
