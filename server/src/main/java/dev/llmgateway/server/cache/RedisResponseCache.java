package dev.llmgateway.server.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * The Redis backend: each answer is a string value with a millisecond TTL ({@code SET key value PX ttl}) under
 * a {@code gw:v1:cache:} key. Lookups run on a small pool of their own and give up after
 * {@code cache.lookup-timeout}, so a slow or dead Redis delays a call by at most that long. Several keys are
 * read in one pipeline of GETs, which also works across Cluster slots.
 */
final class RedisResponseCache implements ResponseCache {
  private final UnifiedJedis redis;
  private final ExecutorService lookups;
  private final Duration lookupTimeout;

  RedisResponseCache(UnifiedJedis redis, ExecutorService lookups, Duration lookupTimeout) {
    this.redis = redis;
    this.lookups = lookups;
    this.lookupTimeout = lookupTimeout;
  }

  @Override
  public CompletableFuture<List<byte[]>> getAll(List<String> keys) {
    CompletableFuture<List<byte[]>> lookup;
    try {
      lookup = CompletableFuture.supplyAsync(() -> read(keys), lookups);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(new CacheUnavailableException("lookup queue full", e));
    }
    return lookup.orTimeout(lookupTimeout.toNanos(), TimeUnit.NANOSECONDS).exceptionallyCompose(e -> {
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      if (cause instanceof CacheUnavailableException unavailable) {
        return CompletableFuture.failedFuture(unavailable);
      }
      String what = cause instanceof TimeoutException ? "lookup timed out" : "lookup failed";
      return CompletableFuture.failedFuture(new CacheUnavailableException(what, cause));
    });
  }

  private List<byte[]> read(List<String> keys) {
    try {
      if (keys.size() == 1) {
        List<byte[]> one = new ArrayList<>(1);
        one.add(redis.get(bytes(keys.get(0))));
        return one;
      }
      List<Response<byte[]>> replies = new ArrayList<>(keys.size());
      try (AbstractPipeline pipeline = redis.pipelined()) {
        for (String key : keys) {
          replies.add(pipeline.get(bytes(key)));
        }
        pipeline.sync();
      }
      List<byte[]> values = new ArrayList<>(keys.size());
      for (Response<byte[]> reply : replies) {
        values.add(reply.get());
      }
      return values;
    } catch (JedisException e) {
      throw new CacheUnavailableException("GET", e);
    }
  }

  @Override
  public void put(String key, byte[] value, Duration ttl) {
    try {
      redis.set(bytes(key), value, SetParams.setParams().px(Math.max(1, ttl.toMillis())));
    } catch (JedisException e) {
      throw new CacheUnavailableException("SET", e);
    }
  }

  private static byte[] bytes(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }
}
