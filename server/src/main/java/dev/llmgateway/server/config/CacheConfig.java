package dev.llmgateway.server.config;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The response cache: where answers are kept, how much, for how long, and which models use it.
 *
 * @param backend where cached answers live
 * @param maxBytes the in-process cache's bound, in bytes of keys and values
 * @param maxEntryBytes the largest answer stored (larger ones are served but not cached)
 * @param defaultTtl how long an answer stays cached when its model sets no TTL
 * @param maxTemperature calls sampled hotter than this are not cached unless the caller asks
 * @param chargeTokensOnHit whether a hit counts its original tokens against token quotas (requests always count)
 * @param lookupTimeout how long a lookup in Redis may take before the call goes upstream without it
 * @param maxPendingWrites how many writes may wait for the background writer; more are dropped and counted
 * @param tenantGroups API key id to the group whose entries it shares; keys not listed are their own tenant
 * @param models per catalogue model id, whether its answers are cached and for how long
 */
public record CacheConfig(
    Backend backend,
    long maxBytes,
    int maxEntryBytes,
    Duration defaultTtl,
    double maxTemperature,
    boolean chargeTokensOnHit,
    Duration lookupTimeout,
    int maxPendingWrites,
    Map<String, String> tenantGroups,
    Map<String, ModelCache> models) {
  public CacheConfig {
    requireNonNull(backend, "backend");
    requireNonNull(defaultTtl, "defaultTtl");
    requireNonNull(lookupTimeout, "lookupTimeout");
    tenantGroups = Map.copyOf(tenantGroups);
    models = Map.copyOf(models);
  }

  /** Where cached answers live. */
  public enum Backend {
    /** In this process, bounded by {@code max-bytes}. */
    MEMORY,
    /** In the store's Redis, shared by every replica. */
    REDIS
  }

  /**
   * One model's cache settings.
   *
   * @param enabled whether its answers are cached
   * @param ttl how long they stay, when not the default
   */
  public record ModelCache(boolean enabled, Optional<Duration> ttl) {
    public ModelCache {
      requireNonNull(ttl, "ttl");
    }
  }

  /** Returns the settings of {@code modelId}: off unless its entry turned caching on. */
  public ModelCache model(String modelId) {
    return models.getOrDefault(modelId, OFF);
  }

  /** Returns the TTL of {@code modelId}'s answers. */
  public Duration ttl(String modelId) {
    return model(modelId).ttl().orElse(defaultTtl);
  }

  private static final ModelCache OFF = new ModelCache(false, Optional.empty());
}
