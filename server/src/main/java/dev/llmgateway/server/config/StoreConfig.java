package dev.llmgateway.server.config;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.store.StoreSettings;
import dev.llmgateway.server.store.redis.RedisConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where keys, quota counters, usage, the run-time catalogue and the audit log live.
 *
 * @param redis the Redis deployment, when the store is Redis (shared by replicas)
 * @param embedded the database file, when the store is embedded (one replica, survives restarts)
 * @param settings tuning shared by every backend
 */
public record StoreConfig(Optional<RedisConfig> redis, Optional<Path> embedded, StoreSettings settings) {
  public StoreConfig {
    requireNonNull(redis, "redis");
    requireNonNull(embedded, "embedded");
    requireNonNull(settings, "settings");
    if (redis.isPresent() && embedded.isPresent()) {
      throw new IllegalArgumentException("store: redis and embedded at once (expected: one)");
    }
  }

  /** Creates the configuration of a Redis store, or of the in-process one when {@code redis} is empty. */
  public StoreConfig(Optional<RedisConfig> redis, StoreSettings settings) {
    this(redis, Optional.empty(), settings);
  }
}
