package dev.llmgateway.server.store.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/** A Lua script run by its SHA-1 ({@code EVALSHA}), sent whole only when the server does not have it yet. */
final class RedisScript {
  private final String source;
  private final String sha1;

  RedisScript(String source) {
    this.source = source;
    this.sha1 = sha1Hex(source);
  }

  /** Runs the script with {@code keys} (all in one hash tag) and {@code args}; one round trip once loaded. */
  Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
    try {
      return redis.evalsha(sha1, keys, args);
    } catch (JedisNoScriptException e) {
      // A restarted or failed-over server has lost its script cache; EVAL runs the script and caches it again.
      return redis.eval(source, keys, args);
    }
  }

  String sha1() {
    return sha1;
  }

  private static String sha1Hex(String source) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-1.
      throw new IllegalStateException("SHA-1 unavailable", e);
    }
  }
}
