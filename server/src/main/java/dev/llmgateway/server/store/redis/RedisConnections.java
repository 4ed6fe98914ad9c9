package dev.llmgateway.server.store.redis;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.lifecycle.Managed;
import redis.clients.jedis.UnifiedJedis;

/** Closes the Redis client's connection pool when the server stops, after the last call has drained. */
@Singleton
final class RedisConnections implements Managed {
  private final UnifiedJedis redis;

  @Inject
  RedisConnections(UnifiedJedis redis) {
    this.redis = redis;
  }

  @Override
  public void start() {
    // Connections open lazily on first use; nothing to do.
  }

  @Override
  public void close() {
    redis.close();
  }
}
