package dev.llmgateway.server.store.redis;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.store.QuotaCharge;
import dev.llmgateway.server.store.QuotaLimit;
import dev.llmgateway.server.store.QuotaStore;
import dev.llmgateway.server.store.QuotaWindows;
import dev.llmgateway.server.store.Reservation;
import dev.llmgateway.server.store.StoreSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;

/** Keeps quota counters and leases in Redis: one Lua script, one round trip, per operation. */
public final class RedisQuotaStore implements QuotaStore {
  private final UnifiedJedis redis;
  private final StoreSettings settings;

  public RedisQuotaStore(UnifiedJedis redis, StoreSettings settings) {
    this.redis = requireNonNull(redis, "redis");
    this.settings = requireNonNull(settings, "settings");
  }

  @Override
  public Reservation acquire(String tenant, List<QuotaCharge> charges, String leaseId, Instant now) {
    QuotaWindows.checkAcquire(tenant, charges, leaseId);
    long nowMillis = now.toEpochMilli();
    List<String> keys = new ArrayList<>(charges.size() + 1);
    List<String> args = new ArrayList<>(4 + 4 * charges.size());
    keys.add(RedisKeys.reservation(tenant, leaseId));
    args.add(Long.toString(nowMillis));
    args.add(leaseId);
    args.add(Long.toString(nowMillis + settings.leaseTtl().toMillis()));
    args.add(Long.toString(QuotaWindows.reservationLifetime(charges, settings).getSeconds()));
    Map<String, Instant> windowStarts = new HashMap<>();
    for (QuotaCharge charge : charges) {
      QuotaLimit limit = charge.limit();
      if (limit.kind() == QuotaLimit.Kind.WINDOW) {
        long start = QuotaWindows.windowStartEpochSecond(limit, now);
        windowStarts.put(limit.name(), Instant.ofEpochSecond(start));
        keys.add(RedisKeys.quota(tenant, limit.name(), start));
        args.addAll(List.of("w", Long.toString(charge.amount()), Long.toString(limit.max()),
            Long.toString(limit.window().plus(settings.windowMargin()).getSeconds())));
      } else {
        keys.add(RedisKeys.leases(tenant, limit.name()));
        args.addAll(List.of("c", "1", Long.toString(limit.max()), Long.toString(leaseSetTtlSeconds())));
      }
    }

    List<?> reply =
        (List<?>) RedisCalls.call(redis, "quota acquire", () -> QuotaScripts.ACQUIRE.run(redis, keys, args));
    long status = (Long) reply.get(0);
    if (status < 0) {
      throw new IllegalStateException("leaseId: " + leaseId + " already has an open reservation");
    }
    long[] counts = new long[charges.size()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = (Long) reply.get(i + 1);
    }
    if (status == 0) {
      throw QuotaWindows.violation(charges, counts, now, settings)
          .orElseThrow(() -> new IllegalStateException("quota acquire: rejected with every charge fitting"));
    }
    Map<String, Long> remaining = new LinkedHashMap<>();
    for (int i = 0; i < counts.length; i++) {
      QuotaLimit limit = charges.get(i).limit();
      remaining.put(limit.name(), QuotaWindows.remaining(limit, counts[i]));
    }
    return new Reservation(tenant, leaseId, charges, windowStarts, remaining);
  }

  @Override
  public void reconcile(Reservation reservation, Map<String, Long> actualAmounts) {
    settle(reservation, QuotaWindows.deltas(reservation, actualAmounts), "quota reconcile");
  }

  @Override
  public void release(Reservation reservation) {
    settle(reservation, Map.of(), "quota release");
  }

  @Override
  public boolean renew(Reservation reservation, Instant now) {
    long nowMillis = now.toEpochMilli();
    List<String> keys = new ArrayList<>();
    keys.add(RedisKeys.reservation(reservation.tenant(), reservation.leaseId()));
    for (QuotaCharge charge : reservation.charges()) {
      if (charge.limit().kind() == QuotaLimit.Kind.CONCURRENCY) {
        keys.add(RedisKeys.leases(reservation.tenant(), charge.limit().name()));
      }
    }
    List<String> args = List.of(
        reservation.leaseId(),
        Long.toString(nowMillis),
        Long.toString(nowMillis + settings.leaseTtl().toMillis()),
        Long.toString(leaseSetTtlSeconds()),
        Long.toString(leaseSetTtlSeconds()));
    Object reply = RedisCalls.call(redis, "quota renew", () -> QuotaScripts.RENEW.run(redis, keys, args));
    return (Long) reply == 1L;
  }

  private void settle(Reservation reservation, Map<String, Long> deltas, String operation) {
    List<String> keys = new ArrayList<>();
    List<String> args = new ArrayList<>();
    keys.add(RedisKeys.reservation(reservation.tenant(), reservation.leaseId()));
    args.add(reservation.leaseId());
    for (QuotaCharge charge : reservation.charges()) {
      QuotaLimit limit = charge.limit();
      if (limit.kind() == QuotaLimit.Kind.WINDOW) {
        long start = reservation.windowStarts().get(limit.name()).getEpochSecond();
        keys.add(RedisKeys.quota(reservation.tenant(), limit.name(), start));
        args.add("w");
      } else {
        keys.add(RedisKeys.leases(reservation.tenant(), limit.name()));
        args.add("c");
      }
      args.add(Long.toString(deltas.getOrDefault(limit.name(), 0L)));
    }
    RedisCalls.run(redis, operation, () -> QuotaScripts.SETTLE.run(redis, keys, args));
  }

  /** Returns the TTL of a lease set: it outlives every lease in it, which expire within the lease TTL. */
  private long leaseSetTtlSeconds() {
    return settings.leaseTtl().plus(settings.windowMargin()).getSeconds();
  }
}
