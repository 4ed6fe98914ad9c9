package dev.llmgateway.server.accounting;

import dev.llmgateway.server.config.QuotaConfig;
import dev.llmgateway.server.config.QuotaLimits;
import dev.llmgateway.server.store.QuotaCharge;
import dev.llmgateway.server.store.QuotaLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a key's limits (set at run time, else configured) into the charges of one call. Limit names are stable and show in
 * QuotaFailure details, the {@code x-quota-remaining} header and metrics: {@code requests_per_minute},
 * {@code tokens_per_minute}, {@code tokens_per_day}, {@code spend_micro_usd_per_day}, {@code in_flight},
 * each suffixed {@code :model=<id>} for a per-model limit.
 */
final class QuotaPlan {
  static final String REQUESTS_PER_MINUTE = "requests_per_minute";
  static final String TOKENS_PER_MINUTE = "tokens_per_minute";
  static final String TOKENS_PER_DAY = "tokens_per_day";
  static final String SPEND_PER_DAY = "spend_micro_usd_per_day";
  static final String IN_FLIGHT = "in_flight";

  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration DAY = Duration.ofDays(1);

  private final QuotaConfig config;
  private final KeyQuotas runtime;

  QuotaPlan(QuotaConfig config, KeyQuotas runtime) {
    this.config = config;
    this.runtime = runtime;
  }

  /** Returns the charges for a call by {@code keyId} to {@code modelId}; empty when nothing is limited. */
  List<QuotaCharge> charges(String keyId, String modelId, long estimatedTokens, long estimatedMicroUsd) {
    QuotaConfig.KeyQuota key = config.keys().get(keyId);
    QuotaLimits own = runtime.get(keyId);
    if (own == null && key != null) {
      own = key.limits();
    }
    QuotaLimits keyLimits = own == null ? config.defaults() : own.over(config.defaults());
    QuotaLimits modelLimits = key == null ? null : key.models().get(modelId);
    if (keyLimits.isEmpty() && modelLimits == null) {
      return List.of();
    }
    List<QuotaCharge> charges = new ArrayList<>(10);
    add(charges, keyLimits, "", estimatedTokens, estimatedMicroUsd);
    if (modelLimits != null) {
      add(charges, modelLimits, ":model=" + modelId, estimatedTokens, estimatedMicroUsd);
    }
    return charges;
  }

  private static void add(List<QuotaCharge> out, QuotaLimits limits, String suffix, long tokens, long microUsd) {
    if (limits.requestsPerMinute() > 0) {
      out.add(QuotaCharge.of(QuotaLimit.window(REQUESTS_PER_MINUTE + suffix, MINUTE, limits.requestsPerMinute()), 1));
    }
    if (limits.tokensPerMinute() > 0) {
      out.add(QuotaCharge.of(QuotaLimit.window(TOKENS_PER_MINUTE + suffix, MINUTE, limits.tokensPerMinute()), tokens));
    }
    if (limits.tokensPerDay() > 0) {
      out.add(QuotaCharge.of(QuotaLimit.window(TOKENS_PER_DAY + suffix, DAY, limits.tokensPerDay()), tokens));
    }
    if (limits.budgetUsdPerDay() > 0) {
      long max = (long) Math.floor(limits.budgetUsdPerDay() * 1_000_000);
      out.add(QuotaCharge.of(QuotaLimit.window(SPEND_PER_DAY + suffix, DAY, max), microUsd));
    }
    if (limits.maxInFlight() > 0) {
      out.add(QuotaCharge.lease(QuotaLimit.concurrency(IN_FLIGHT + suffix, limits.maxInFlight())));
    }
  }

  /** Returns whether a limit counts tokens (and so is reconciled with the real token count). */
  static boolean countsTokens(String limitName) {
    return limitName.startsWith(TOKENS_PER_MINUTE) || limitName.startsWith(TOKENS_PER_DAY);
  }

  /** Returns whether a limit counts spend. */
  static boolean countsSpend(String limitName) {
    return limitName.startsWith(SPEND_PER_DAY);
  }
}
