package dev.llmgateway.server.store.redis;

import dev.llmgateway.server.store.StoreUnavailableException;
import java.util.function.Supplier;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisException;

/** Runs Jedis calls, turning every Jedis failure into a {@link StoreUnavailableException}. */
final class RedisCalls {
  private RedisCalls() {}

  /** Returns {@code body}'s result; a Jedis failure becomes a {@link StoreUnavailableException} naming {@code operation}. */
  static <T> T call(String operation, Supplier<T> body) {
    try {
      return body.get();
    } catch (JedisException e) {
      throw new StoreUnavailableException(operation, e);
    }
  }

  /** Runs {@code body} for its effect, as {@link #call} does. */
  static void run(String operation, Runnable body) {
    call(operation, () -> {
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
}
