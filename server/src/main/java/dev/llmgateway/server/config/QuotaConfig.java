package dev.llmgateway.server.config;

import java.util.Map;

/**
 * Who may use how much.
 *
 * @param defaults the limits of every key that has none of its own (each unset field falls back too)
 * @param keys per key id: the key's own limits, and per model id limits for that key
 * @param defaultOutputReservation the output tokens reserved when neither the request nor the model says
 *     how many it may produce
 * @param onStoreFailure what to do when the quota store cannot be reached
 */
public record QuotaConfig(
    QuotaLimits defaults, Map<String, KeyQuota> keys, int defaultOutputReservation, StoreFailurePolicy onStoreFailure) {
  public QuotaConfig {
    keys = Map.copyOf(keys);
  }

  /**
   * One key's limits.
   *
   * @param limits for the key over all models
   * @param models for the key on one model (by catalogue id)
   */
  public record KeyQuota(QuotaLimits limits, Map<String, QuotaLimits> models) {
    public KeyQuota {
      models = Map.copyOf(models);
    }
  }

  /** What happens to calls while the quota store is unreachable. */
  public enum StoreFailurePolicy {
    /** Let calls through unmetered, with a loud log line and a metric. */
    FAIL_OPEN,
    /** Reject calls as UNAVAILABLE until the store is back. */
    FAIL_CLOSED
  }
}
