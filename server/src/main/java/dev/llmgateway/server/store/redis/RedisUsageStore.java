package dev.llmgateway.server.store.redis;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.store.StoreSettings;
import dev.llmgateway.server.store.UsageAggregate;
import dev.llmgateway.server.store.UsageRecord;
import dev.llmgateway.server.store.UsageStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ZAddParams;
import redis.clients.jedis.params.ZRangeParams;

/**
 * Keeps daily usage in Redis: one hash per tenant and day ({@link RedisKeys#usage}), a per-tenant sorted set of
 * its days ({@link RedisKeys#usageDays}) and one sorted set of tenants by latest day
 * ({@link RedisKeys#USAGE_TENANTS}), so reports never scan the keyspace. A write is one pipelined round trip;
 * every key expires after the retention, and index entries older than the retention are trimmed on write.
 */
public final class RedisUsageStore implements UsageStore {
  private final UnifiedJedis redis;
  private final long retentionDays;
  private final long retentionSeconds;

  public RedisUsageStore(UnifiedJedis redis, StoreSettings settings) {
    this.redis = requireNonNull(redis, "redis");
    this.retentionDays = settings.usageRetentionDays();
    this.retentionSeconds = settings.usageRetention().getSeconds();
  }

  @Override
  public void record(UsageRecord r) {
    requireNonNull(r, "record");
    String dayKey = RedisKeys.usage(r.tenant(), r.day());
    String daysKey = RedisKeys.usageDays(r.tenant());
    long epochDay = r.day().toEpochDay();
    // Scores below this are days past the retention, counted back from the day written.
    String pastRetention = "(" + (epochDay - retentionDays);
    long[] counts = {r.requests(), r.errors(), r.inputTokens(), r.outputTokens(), r.costMicroUsd(), r.latencyMsSum()};
    RedisCalls.run(redis, "usage record", () -> {
      List<Response<?>> replies = new ArrayList<>();
      try (AbstractPipeline p = redis.pipelined()) {
        for (int i = 0; i < counts.length; i++) {
          replies.add(p.hincrBy(dayKey, UsageFields.field(r.model(), r.provider(), UsageFields.MEASURES.get(i)),
              counts[i]));
        }
        replies.add(p.expire(dayKey, retentionSeconds));
        replies.add(p.zadd(daysKey, epochDay, r.day().toString()));
        replies.add(p.zremrangeByScore(daysKey, "-inf", pastRetention));
        replies.add(p.expire(daysKey, retentionSeconds));
        replies.add(p.zadd(RedisKeys.USAGE_TENANTS, epochDay, r.tenant(), ZAddParams.zAddParams().gt()));
        replies.add(p.zremrangeByScore(RedisKeys.USAGE_TENANTS, "-inf", pastRetention));
        replies.add(p.expire(RedisKeys.USAGE_TENANTS, retentionSeconds));
        p.sync();
      }
      RedisCalls.checkReplies(replies);
    });
  }

  @Override
  public List<UsageAggregate> query(Optional<String> tenant, LocalDate from, LocalDate to) {
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("from: " + from + " (expected: not after to " + to + ")");
    }
    return RedisCalls.call(redis, "usage query", () -> {
      List<String> tenants = tenant.map(List::of).orElseGet(
          () -> redis.zrange(RedisKeys.USAGE_TENANTS,
              ZRangeParams.zrangeByScoreParams(from.toEpochDay(), Double.POSITIVE_INFINITY)));
      Map<String, Response<List<String>>> daysByTenant = new LinkedHashMap<>();
      try (AbstractPipeline p = redis.pipelined()) {
        for (String t : tenants) {
          daysByTenant.put(t, p.zrange(RedisKeys.usageDays(t),
              ZRangeParams.zrangeByScoreParams(from.toEpochDay(), to.toEpochDay())));
        }
        p.sync();
      }
      List<Day> days = new ArrayList<>();
      try (AbstractPipeline p = redis.pipelined()) {
        for (Map.Entry<String, Response<List<String>>> e : daysByTenant.entrySet()) {
          for (String day : e.getValue().get()) {
            LocalDate date = LocalDate.parse(day);
            days.add(new Day(e.getKey(), date, p.hgetAll(RedisKeys.usage(e.getKey(), date))));
          }
        }
        p.sync();
      }
      List<UsageAggregate> result = new ArrayList<>();
      for (Day day : days) {
        day.addAggregates(result);
      }
      result.sort(UsageAggregate.REPORT_ORDER);
      return result;
    });
  }

  /** One tenant's day hash as read. */
  private record Day(String tenant, LocalDate day, Response<Map<String, String>> fields) {
    void addAggregates(List<UsageAggregate> out) {
      Map<List<String>, long[]> series = new LinkedHashMap<>();
      for (Map.Entry<String, String> field : fields.get().entrySet()) {
        UsageFields.Parsed parsed = UsageFields.parse(field.getKey());
        // Fields this layout does not write are left for whoever wrote them.
        if (parsed != null) {
          series.computeIfAbsent(List.of(parsed.model(), parsed.provider()), k -> new long[6])[parsed.measure()] =
              Long.parseLong(field.getValue());
        }
      }
      for (Map.Entry<List<String>, long[]> e : series.entrySet()) {
        long[] s = e.getValue();
        out.add(new UsageAggregate(tenant, e.getKey().get(0), e.getKey().get(1), day, s[0], s[1], s[2], s[3], s[4],
            s[5]));
      }
    }
  }
}
