package dev.llmgateway.server.store.redis;

/**
 * The Lua scripts behind {@link RedisQuotaStore}. Each runs atomically on the keys of one tenant, which share
 * a hash tag. Time comes in as an argument, so the scripts never read the server's clock.
 */
final class QuotaScripts {
  private QuotaScripts() {}

  /**
   * Checks every charge, then charges all or none.
   * KEYS: the reservation marker, then one key per charge (a window counter or a lease set).
   * ARGV: now (epoch ms), lease id, lease expiry (epoch ms), marker TTL (s), then per charge its kind
   * ({@code w} or {@code c}), amount, max and key TTL (s).
   * Returns {-1} when the lease id already has an open reservation, {0, used...} when a charge does not fit,
   * {1, usedAfter...} when all were charged.
   */
  static final RedisScript ACQUIRE = new RedisScript("""
      if redis.call('EXISTS', KEYS[1]) == 1 then
        return {-1}
      end
      local n = #KEYS - 1
      local used = {}
      local fits = true
      for i = 1, n do
        local key = KEYS[i + 1]
        local a = 4 + (i - 1) * 4
        if ARGV[a + 1] == 'w' then
          used[i] = tonumber(redis.call('GET', key) or '0')
        else
          redis.call('ZREMRANGEBYSCORE', key, '-inf', ARGV[1])
          used[i] = redis.call('ZCARD', key)
        end
        if used[i] + math.max(tonumber(ARGV[a + 2]), 1) > tonumber(ARGV[a + 3]) then
          fits = false
        end
      end
      if not fits then
        local reply = {0}
        for i = 1, n do
          reply[i + 1] = used[i]
        end
        return reply
      end
      local reply = {1}
      for i = 1, n do
        local key = KEYS[i + 1]
        local a = 4 + (i - 1) * 4
        if ARGV[a + 1] == 'w' then
          reply[i + 1] = redis.call('INCRBY', key, ARGV[a + 2])
        else
          redis.call('ZADD', key, ARGV[3], ARGV[2])
          reply[i + 1] = redis.call('ZCARD', key)
        end
        redis.call('EXPIRE', key, ARGV[a + 4])
      end
      redis.call('SET', KEYS[1], '1', 'EX', ARGV[4])
      return reply
      """);

  /**
   * Settles a reservation once: deletes its marker, adds each window's delta to counters that still exist
   * (never below zero) and removes its leases. Later runs find no marker and change nothing.
   * KEYS: the reservation marker, then one key per charge.
   * ARGV: lease id, then per charge its kind ({@code w} or {@code c}) and delta.
   * Returns 1 when it settled the reservation, 0 when it was already settled or forgotten.
   */
  static final RedisScript SETTLE = new RedisScript("""
      if redis.call('DEL', KEYS[1]) == 0 then
        return 0
      end
      for i = 2, #KEYS do
        local a = 2 * (i - 1)
        if ARGV[a] == 'w' then
          local delta = tonumber(ARGV[a + 1])
          if delta ~= 0 and redis.call('EXISTS', KEYS[i]) == 1 then
            local v = redis.call('INCRBY', KEYS[i], delta)
            if v < 0 then
              redis.call('INCRBY', KEYS[i], -v)
            end
          end
        else
          redis.call('ZREM', KEYS[i], ARGV[1])
        end
      end
      return 1
      """);

  /**
   * Extends a reservation's leases and keeps its marker at least as long.
   * KEYS: the reservation marker, then its lease sets.
   * ARGV: lease id, now (epoch ms), new lease expiry (epoch ms), lease-set TTL (s), marker TTL floor (s).
   * Returns 1 when every lease was still held, 0 when one had expired (it is removed) or the reservation is
   * settled.
   */
  static final RedisScript RENEW = new RedisScript("""
      local ttl = redis.call('TTL', KEYS[1])
      if ttl == -2 then
        return 0
      end
      local held = 1
      for i = 2, #KEYS do
        local score = redis.call('ZSCORE', KEYS[i], ARGV[1])
        if score and tonumber(score) > tonumber(ARGV[2]) then
          redis.call('ZADD', KEYS[i], ARGV[3], ARGV[1])
          redis.call('EXPIRE', KEYS[i], ARGV[4])
        else
          redis.call('ZREM', KEYS[i], ARGV[1])
          held = 0
        end
      end
      if ttl < tonumber(ARGV[5]) then
        redis.call('EXPIRE', KEYS[1], ARGV[5])
      end
      return held
      """);
}
