package dev.llmgateway.server.accounting;

import static java.util.Objects.requireNonNull;

import com.google.inject.Singleton;
import dev.llmgateway.server.config.QuotaLimits;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The limits set per API key at run time (through the admin plane), which replace the key's own limits from the
 * configuration. Read on every admission: one volatile read and a map lookup. Thread-safe.
 */
@Singleton
public final class KeyQuotas {
  private volatile Map<String, QuotaLimits> byKey = Map.of();

  /** Replaces every run-time limit. */
  public void replace(Map<String, QuotaLimits> limits) {
    byKey = Map.copyOf(requireNonNull(limits, "limits"));
  }

  /** Returns the run-time limits of {@code keyId}, or null when the configuration's apply. */
  @Nullable
  public QuotaLimits get(String keyId) {
    return byKey.get(keyId);
  }
}
