package dev.llmgateway.server.store.redis;

import dev.llmgateway.server.store.StoreUnavailableException;
import java.util.function.Supplier;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/** Runs Jedis calls, turning every Jedis failure into a {@link StoreUnavailableException}. */
final class RedisCalls {
  private RedisCalls() {}

  /**
   * Returns {@code body}'s result; a Jedis failure becomes a {@link StoreUnavailableException} naming
   * {@code operation}.
   */
  static <T> T call(UnifiedJedis redis, String operation, Supplier<T> body) {
    try {
      return body.get();
    } catch (JedisConnectionException e) {
      dropIdleConnections(redis);
      throw new StoreUnavailableException(operation, e);
    } catch (JedisException e) {
      throw new StoreUnavailableException(operation, e);
    }
  }

  /** Runs {@code body} for its effect, as {@link #call} does. */
  static void run(UnifiedJedis redis, String operation, Runnable body) {
    call(redis, operation, () -> {
      body.run();
      return null;
    });
  }

  /** Reads each reply of a synced pipeline, so that an error reply of any command is thrown, not lost. */
  static void checkReplies(Iterable<? extends Response<?>> replies) {
    for (Response<?> reply : replies) {
      reply.get();
    }
  }

  /**
   * Closes a standalone client's idle connections after one broke: when the server restarted they are all
   * broken, and each would otherwise fail one more call before the pool noticed. Sentinel and Cluster clients
   * reconnect through their own topology refresh.
   */
  private static void dropIdleConnections(UnifiedJedis redis) {
    if (redis instanceof RedisClient standalone) {
      standalone.getPool().clear();
    }
  }
}
