package dev.llmgateway.server.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses the top-level {@code cache} section and the {@code cache} block of each model entry, with messages in
 * {@link ConfigLoader}'s style. Unknown keys are errors.
 */
final class CacheConfigParser {
  private static final Set<String> CACHE_KEYS = Set.of("backend", "max-bytes", "max-entry-bytes", "default-ttl",
      "max-temperature", "charge-tokens-on-hit", "lookup-timeout", "max-pending-writes", "tenant-groups");
  private static final Set<String> MODEL_CACHE_KEYS = Set.of("enabled", "ttl");
  // Redis refuses string values above 512 MB; an answer that large is never worth caching anyway.
  private static final long MAX_ENTRY_LIMIT = 64L << 20;

  private CacheConfigParser() {}

  /**
   * Parses {@code c} (the {@code cache} section) and the {@code cache} blocks of {@code models}.
   *
   * @param redisStore whether the store is Redis, which the Redis backend needs
   */
  static CacheConfig parse(Config c, ConfigObject models, boolean redisStore) {
    ConfigLoader.checkKeys(c.root(), "cache.", CACHE_KEYS);
    CacheConfig.Backend backend = switch (c.getString("backend")) {
      case "memory" -> CacheConfig.Backend.MEMORY;
      case "redis" -> CacheConfig.Backend.REDIS;
      default -> throw ConfigLoader.invalid(c.getValue("backend"), "cache.backend",
          "'" + c.getString("backend") + "' (expected: memory or redis)");
    };
    if (backend == CacheConfig.Backend.REDIS && !redisStore) {
      throw ConfigLoader.invalid(c.getValue("backend"), "cache.backend",
          "redis needs the Redis store (store.type = redis)");
    }
    long maxBytes = c.getBytes("max-bytes");
    if (maxBytes < 1024) {
      throw ConfigLoader.invalid(c.getValue("max-bytes"), "cache.max-bytes", maxBytes + " (expected: >= 1KiB)");
    }
    long maxEntry = c.getBytes("max-entry-bytes");
    if (maxEntry < 1 || maxEntry > Math.min(maxBytes, MAX_ENTRY_LIMIT)) {
      throw ConfigLoader.invalid(c.getValue("max-entry-bytes"), "cache.max-entry-bytes",
          maxEntry + " (expected: 1 to min(max-bytes, 64MiB))");
    }
    double maxTemperature = c.getDouble("max-temperature");
    if (!(maxTemperature >= 0 && maxTemperature <= 2)) {
      throw ConfigLoader.invalid(c.getValue("max-temperature"), "cache.max-temperature",
          maxTemperature + " (expected: 0 to 2)");
    }
    int pending = c.getInt("max-pending-writes");
    if (pending < 1) {
      throw ConfigLoader.invalid(c.getValue("max-pending-writes"), "cache.max-pending-writes",
          pending + " (expected: > 0)");
    }
    Map<String, String> groups = new LinkedHashMap<>();
    for (Map.Entry<String, ConfigValue> e : c.getObject("tenant-groups").entrySet()) {
      if (e.getValue().valueType() != ConfigValueType.STRING || ((String) e.getValue().unwrapped()).isBlank()) {
        throw ConfigLoader.invalid(e.getValue(), "cache.tenant-groups." + e.getKey(), "must be a non-empty group name");
      }
      groups.put(e.getKey(), (String) e.getValue().unwrapped());
    }
    return new CacheConfig(backend, maxBytes, (int) maxEntry, positive(c, "default-ttl", "cache.default-ttl"),
        maxTemperature, c.getBoolean("charge-tokens-on-hit"), positive(c, "lookup-timeout", "cache.lookup-timeout"),
        pending, groups, modelSettings(models));
  }

  private static Map<String, CacheConfig.ModelCache> modelSettings(ConfigObject models) {
    Map<String, CacheConfig.ModelCache> out = new LinkedHashMap<>();
    for (String id : models.keySet()) {
      Config m = ((ConfigObject) models.get(id)).toConfig();
      if (!m.hasPath("cache")) {
        continue;
      }
      String path = "models.\"" + id + "\".cache";
      Config mc = m.getConfig("cache");
      ConfigLoader.checkKeys(mc.root(), path + ".", MODEL_CACHE_KEYS);
      Optional<Duration> ttl = mc.hasPath("ttl") ? Optional.of(positive(mc, "ttl", path + ".ttl")) : Optional.empty();
      out.put(id, new CacheConfig.ModelCache(mc.hasPath("enabled") && mc.getBoolean("enabled"), ttl));
    }
    return out;
  }

  private static Duration positive(Config c, String key, String path) {
    Duration d = c.getDuration(key);
    if (d.isNegative() || d.isZero()) {
      throw ConfigLoader.invalid(c.getValue(key), path, d + " (expected: > 0)");
    }
    return d;
  }
}
