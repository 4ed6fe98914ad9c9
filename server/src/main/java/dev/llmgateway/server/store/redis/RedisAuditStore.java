package dev.llmgateway.server.store.redis;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.store.AuditCursor;
import dev.llmgateway.server.store.AuditEvent;
import dev.llmgateway.server.store.AuditStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZRangeParams;

/**
 * Keeps the audit log in Redis: ids from a counter ({@link RedisKeys#AUDIT_SEQ}), one hash per event and a
 * sorted set of 20-digit ids scored by time ({@link RedisKeys#AUDIT_INDEX}), so equal times order by id. Every
 * key shares the {@code {audit}} hash tag (one Cluster slot). Events never expire.
 */
public final class RedisAuditStore implements AuditStore {
  private static final String TIME = "time";
  private static final String ACTOR = "actor";
  private static final String ACTION = "action";
  private static final String TARGET = "target";
  private static final String BEFORE = "before";
  private static final String AFTER = "after";

  private final UnifiedJedis redis;

  public RedisAuditStore(UnifiedJedis redis) {
    this.redis = requireNonNull(redis, "redis");
  }

  @Override
  public AuditEvent append(AuditEvent event) {
    requireNonNull(event, "event");
    return RedisCalls.call(redis, "audit append", () -> {
      AuditEvent stored = event.withId(redis.incr(RedisKeys.AUDIT_SEQ));
      List<Response<?>> replies = new ArrayList<>();
      try (AbstractPipeline p = redis.pipelined()) {
        replies.add(p.hset(RedisKeys.auditEvent(stored.id()), Map.of(TIME, stored.time().toString(),
            ACTOR, stored.actor(), ACTION, stored.action(), TARGET, stored.target(), BEFORE, stored.before(),
            AFTER, stored.after())));
        // Written after the event, so the index never names a missing event.
        replies.add(p.zadd(RedisKeys.AUDIT_INDEX, stored.time().toEpochMilli(), member(stored.id())));
        p.sync();
      }
      RedisCalls.checkReplies(replies);
      return stored;
    });
  }

  @Override
  public List<AuditEvent> list(Instant from, Instant to, AuditCursor cursor, int limit) {
    AuditStore.checkLimit(limit);
    long min = Math.max(from.toEpochMilli(), cursor.timeMillis());
    long max = to.toEpochMilli() - 1;
    if (min > max) {
      return List.of();
    }
    return RedisCalls.call(redis, "audit list", () -> {
      // Events at the cursor's own time with ids up to the cursor's were on earlier pages; they sort first.
      int seen = 0;
      if (min == cursor.timeMillis()) {
        for (String m : redis.zrange(RedisKeys.AUDIT_INDEX, ZRangeParams.zrangeByScoreParams(min, min))) {
          if (Long.parseLong(m) <= cursor.id()) {
            seen++;
          }
        }
      }
      List<String> ids = redis.zrange(RedisKeys.AUDIT_INDEX,
          ZRangeParams.zrangeByScoreParams(min, max).limit(seen, limit));
      List<Response<Map<String, String>>> hashes = new ArrayList<>();
      try (AbstractPipeline p = redis.pipelined()) {
        for (String id : ids) {
          hashes.add(p.hgetAll(RedisKeys.auditEvent(Long.parseLong(id))));
        }
        p.sync();
      }
      List<AuditEvent> events = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        Map<String, String> h = hashes.get(i).get();
        events.add(new AuditEvent(Long.parseLong(ids.get(i)), Instant.parse(h.get(TIME)), h.get(ACTOR),
            h.get(ACTION), h.get(TARGET), h.get(BEFORE), h.get(AFTER)));
      }
      return List.copyOf(events);
    });
  }

  private static String member(long id) {
    return String.format("%020d", id);
  }
}
