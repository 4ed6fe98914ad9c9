package dev.llmgateway.server.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import dev.llmgateway.server.store.StoreSettings;
import dev.llmgateway.server.store.redis.RedisConfig;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Parses the {@code store} and {@code quotas} sections, with messages in {@link ConfigLoader}'s style:
 * origin, key path, what is wrong. Unknown keys are errors.
 */
final class EdgeConfigParser {
  private static final Set<String> STORE_KEYS =
      Set.of("type", "redis", "embedded", "lease-ttl", "window-margin", "concurrency-retry-after", "usage-retention");
  private static final Set<String> REDIS_KEYS = Set.of("mode", "endpoints", "sentinel-master", "username-env",
      "password-env", "database", "ssl", "pool-max-total", "connect-timeout", "socket-timeout", "pool-max-wait");
  private static final Set<String> QUOTA_KEYS =
      Set.of("on-store-failure", "default-output-reservation", "default", "keys");
  private static final Set<String> LIMIT_KEYS = Set.of("requests-per-minute", "tokens-per-minute", "tokens-per-day",
      "budget-usd-per-day", "max-in-flight");

  private EdgeConfigParser() {}

  static StoreConfig store(Config s, Function<String, String> env) {
    ConfigLoader.checkKeys(s.root(), "store.", STORE_KEYS);
    StoreSettings settings;
    try {
      settings = new StoreSettings(s.getDuration("lease-ttl"), s.getDuration("window-margin"),
          s.getDuration("concurrency-retry-after"), s.getDuration("usage-retention"));
    } catch (IllegalArgumentException e) {
      throw ConfigLoader.invalid(s.root(), "store", e.getMessage());
    }
    String type = s.getString("type");
    switch (type) {
      case "memory" -> {
        return new StoreConfig(Optional.empty(), settings);
      }
      case "redis" -> {
        return new StoreConfig(Optional.of(redis(s.getConfig("redis"), env)), settings);
      }
      case "embedded" -> {
        return new StoreConfig(Optional.empty(), Optional.of(embedded(s.getConfig("embedded"))), settings);
      }
      default -> throw ConfigLoader.invalid(s.getValue("type"), "store.type",
          "'" + type + "' (expected: embedded, memory or redis)");
    }
  }

  private static Path embedded(Config e) {
    ConfigLoader.checkKeys(e.root(), "store.embedded.", Set.of("path"));
    String path = e.getString("path");
    try {
      if (path.isBlank()) {
        throw new InvalidPathException(path, "empty");
      }
      return Path.of(path);
    } catch (InvalidPathException ex) {
      throw ConfigLoader.invalid(e.getValue("path"), "store.embedded.path", "'" + path + "' is not a file path");
    }
  }

  private static RedisConfig redis(Config r, Function<String, String> env) {
    ConfigLoader.checkKeys(r.root(), "store.redis.", REDIS_KEYS);
    RedisConfig.Mode mode;
    try {
      mode = RedisConfig.Mode.valueOf(r.getString("mode").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ConfigLoader.invalid(r.getValue("mode"), "store.redis.mode",
          "'" + r.getString("mode") + "' (expected: standalone, sentinel or cluster)");
    }
    String master = r.getString("sentinel-master");
    try {
      return new RedisConfig(mode, r.getStringList("endpoints"), master.isBlank() ? Optional.empty() : Optional.of(master),
          secret(r, "username-env", env), secret(r, "password-env", env), r.getInt("database"), r.getBoolean("ssl"),
          r.getInt("pool-max-total"), r.getDuration("connect-timeout"), r.getDuration("socket-timeout"),
          r.getDuration("pool-max-wait"));
    } catch (IllegalArgumentException e) {
      throw ConfigLoader.invalid(r.root(), "store.redis", e.getMessage());
    }
  }

  private static Optional<Secret> secret(Config r, String key, Function<String, String> env) {
    String name = r.getString(key);
    if (name.isBlank()) {
      return Optional.empty();
    }
    String value = env.apply(name);
    if (value == null || value.isEmpty()) {
      throw ConfigLoader.invalid(r.getValue(key), "store.redis." + key, "environment variable " + name + " is not set");
    }
    return Optional.of(new Secret(value));
  }

  static QuotaConfig quotas(Config q) {
    ConfigLoader.checkKeys(q.root(), "quotas.", QUOTA_KEYS);
    QuotaConfig.StoreFailurePolicy policy = switch (q.getString("on-store-failure")) {
      case "fail-open" -> QuotaConfig.StoreFailurePolicy.FAIL_OPEN;
      case "fail-closed" -> QuotaConfig.StoreFailurePolicy.FAIL_CLOSED;
      default -> throw ConfigLoader.invalid(q.getValue("on-store-failure"), "quotas.on-store-failure",
          "'" + q.getString("on-store-failure") + "' (expected: fail-open or fail-closed)");
    };
    int reservation = q.getInt("default-output-reservation");
    if (reservation < 0) {
      throw ConfigLoader.invalid(q.getValue("default-output-reservation"), "quotas.default-output-reservation",
          reservation + " (expected: >= 0)");
    }
    QuotaLimits defaults = limits(q.getConfig("default"), "quotas.default", Set.of());
    Map<String, QuotaConfig.KeyQuota> keys = new LinkedHashMap<>();
    ConfigObject keysObject = q.getObject("keys");
    for (String keyId : keysObject.keySet()) {
      String path = "quotas.keys.\"" + keyId + "\"";
      Config k = keysObject.toConfig().getConfig("\"" + keyId + "\"");
      QuotaLimits own = limits(k, path, Set.of("models"));
      Map<String, QuotaLimits> models = new LinkedHashMap<>();
      if (k.hasPath("models")) {
        ConfigObject modelsObject = k.getObject("models");
        for (String model : modelsObject.keySet()) {
          models.put(model, limits(modelsObject.toConfig().getConfig("\"" + model + "\""),
              path + ".models.\"" + model + "\"", Set.of()));
        }
      }
      keys.put(keyId, new QuotaConfig.KeyQuota(own, models));
    }
    return new QuotaConfig(defaults, keys, reservation, policy);
  }

  private static QuotaLimits limits(Config l, String path, Set<String> extraKeys) {
    List<String> allowed = new ArrayList<>(LIMIT_KEYS);
    allowed.addAll(extraKeys);
    ConfigLoader.checkKeys(l.root(), path + ".", Set.copyOf(allowed));
    return new QuotaLimits(count(l, "requests-per-minute", path), count(l, "tokens-per-minute", path),
        count(l, "tokens-per-day", path), budget(l, path), count(l, "max-in-flight", path));
  }

  private static long count(Config l, String key, String path) {
    if (!l.hasPath(key)) {
      return 0;
    }
    long v = l.getLong(key);
    if (v < 0) {
      throw ConfigLoader.invalid(l.getValue(key), path + "." + key, v + " (expected: >= 0; 0 means no limit)");
    }
    return v;
  }

  private static double budget(Config l, String path) {
    if (!l.hasPath("budget-usd-per-day")) {
      return 0;
    }
    ConfigValue value = l.getValue("budget-usd-per-day");
    double v = l.getDouble("budget-usd-per-day");
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw ConfigLoader.invalid(value, path + ".budget-usd-per-day", v + " (expected: >= 0; 0 means no limit)");
    }
    return v;
  }
}
