package dev.llmgateway.server.store.redis;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.logging.Logger;
import redis.clients.jedis.UnifiedJedis;

/**
 * Versions the Redis key layout ({@link RedisKeys#SCHEMA}) and migrates an older layout forward when a newer
 * gateway first connects. Each step is idempotent, so replicas starting together may both run it. A layout
 * newer than this gateway's is refused rather than misread. The migration runs on first use, not at start-up,
 * so a gateway starts while Redis is down; until it has succeeded, every use tries again.
 */
public final class RedisSchema {
  /** The layout this gateway writes. */
  public static final int CURRENT = 2;

  private static final Logger logger = Logger.getLogger(RedisSchema.class.getName());

  private final UnifiedJedis redis;
  // -1 until a migration has succeeded.
  private volatile int found = -1;

  public RedisSchema(UnifiedJedis redis) {
    this.redis = requireNonNull(redis, "redis");
  }

  /**
   * Migrates the layout to {@link #CURRENT} unless done already, and returns the version found before the
   * migration (0 for an empty database). Cheap once done.
   *
   * @throws dev.llmgateway.server.store.StoreUnavailableException when Redis cannot answer
   * @throws IllegalStateException when the layout is newer than this gateway's
   */
  public int migrate() {
    int done = found;
    if (done >= 0) {
      return done;
    }
    synchronized (this) {
      if (found < 0) {
        found = RedisCalls.call(redis, "schema migration", () -> migrate(redis));
      }
      return found;
    }
  }

  private static int migrate(UnifiedJedis redis) {
    String stored = redis.get(RedisKeys.SCHEMA);
    // Layout 1 had no version key: a database with its key index is layout 1, one without is new.
    int version = stored != null ? Integer.parseInt(stored) : redis.exists(RedisKeys.API_KEY_BY_HASH) ? 1 : 0;
    if (version > CURRENT) {
      throw new IllegalStateException("redis key layout version " + version + " is newer than this gateway's ("
          + CURRENT + "): run a newer gateway");
    }
    if (version == 1) {
      // 1 -> 2: the id set, so listing and counting keys no longer read the hash index, which holds two
      // entries per key during a rotation overlap.
      List<String> ids = redis.hvals(RedisKeys.API_KEY_BY_HASH);
      if (!ids.isEmpty()) {
        redis.sadd(RedisKeys.API_KEY_IDS, ids.toArray(String[]::new));
      }
      logger.info(() -> "redis key layout migrated from version 1 to 2 (" + ids.size() + " keys indexed)");
    }
    if (version != CURRENT) {
      redis.set(RedisKeys.SCHEMA, Integer.toString(CURRENT));
    }
    return version;
  }
}
