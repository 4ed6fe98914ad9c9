package dev.llmgateway.server.accounting;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.config.ModelPrice;
import dev.llmgateway.server.config.QuotaConfig;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.errors.QuotaViolation;
import dev.llmgateway.server.store.QuotaCharge;
import dev.llmgateway.server.store.QuotaExceededException;
import dev.llmgateway.server.store.QuotaStore;
import dev.llmgateway.server.store.Reservation;
import dev.llmgateway.server.store.StoreUnavailableException;
import dev.llmgateway.server.store.UsageStore;
import dev.llmgateway.server.telemetry.AccessLog;
import dev.llmgateway.server.telemetry.CallMetrics;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Admits calls against their key's quotas and hands each admitted call a {@link CallAccount} that settles
 * it. A key (or key and model) with no configured limit costs no store round trip. When the quota store is
 * unreachable, {@code quotas.on-store-failure} decides: fail open (serve unmetered, log a warning, count it
 * in {@code gateway.quota.rejections} under limit {@code store_unavailable}) or fail closed (STORE_UNAVAILABLE,
 * which callers see as UNAVAILABLE). Thread-safe.
 */
@Singleton
public final class Accounting {
  private static final Logger logger = Logger.getLogger(Accounting.class.getName());
  /** The tenant of calls made without an API key (auth switched off). */
  public static final String ANONYMOUS = "anonymous";

  private final QuotaConfig config;
  private final QuotaPlan plan;
  private final QuotaStore quotas;
  private final UsageStore usage;
  private final CallMetrics metrics;
  private final AccessLog accessLog;
  private final Clock clock;

  @Inject
  Accounting(QuotaConfig config, KeyQuotas runtimeQuotas, QuotaStore quotas, UsageStore usage, CallMetrics metrics,
      AccessLog accessLog, Clock clock) {
    this.config = config;
    this.plan = new QuotaPlan(config, runtimeQuotas);
    this.quotas = quotas;
    this.usage = usage;
    this.metrics = metrics;
    this.accessLog = accessLog;
    this.clock = clock;
  }

  /**
   * Reserves what a call may use: one request, {@code inputEstimate + outputReservation} tokens, their cost
   * at {@code price}, and an in-flight slot, against every configured limit of the key and model.
   *
   * @param call what the call is (method, key, model, provider, request id)
   * @param inputEstimate estimated prompt tokens
   * @param outputReservation the most output tokens the call may produce; empty when unknown (then
   *     {@code quotas.default-output-reservation} is reserved)
   * @throws GatewayException QUOTA_EXCEEDED with the exhausted limit and when it frees up; STORE_UNAVAILABLE
   *     when the store cannot be reached and the policy is fail-closed
   */
  public CallAccount admit(CallInfo call, long inputEstimate, OptionalLong outputReservation,
      Optional<ModelPrice> price) {
    long output = outputReservation.orElse(config.defaultOutputReservation());
    long tokens = inputEstimate + output;
    long micros = price.map(p -> p.costMicros(inputEstimate, 0, output)).orElse(0L);
    List<QuotaCharge> charges = plan.charges(call.keyId(), call.modelId(), tokens, micros);
    Reservation reservation = null;
    if (!charges.isEmpty()) {
      try {
        reservation = quotas.acquire(call.keyId(), charges, call.requestId(), clock.instant());
      } catch (QuotaExceededException e) {
        metrics.recordQuotaRejection(call.keyId(), e.limit().name());
        throw exceeded(call, e);
      } catch (StoreUnavailableException e) {
        reservation = null;
        storeFailure(call, e);
      }
    }
    return new CallAccount(call, inputEstimate, price, reservation, this);
  }

  private void storeFailure(CallInfo call, StoreUnavailableException e) {
    metrics.recordQuotaRejection(call.keyId(), "store_unavailable");
    if (config.onStoreFailure() == QuotaConfig.StoreFailurePolicy.FAIL_CLOSED) {
      logger.log(Level.WARNING, "request " + call.requestId() + ": quota store unreachable; rejecting (fail-closed)");
      throw GatewayException.builder(ErrorKind.STORE_UNAVAILABLE,
          "quotas cannot be checked right now; try again shortly").cause(e).build();
    }
    logger.log(Level.WARNING, "request " + call.requestId() + ": quota store unreachable; serving unmetered"
        + " (fail-open): " + e.getMessage());
  }

  private static GatewayException exceeded(CallInfo call, QuotaExceededException e) {
    String limit = e.limit().name();
    String what = limit + ": " + e.used() + " of " + e.max() + " used";
    return GatewayException.builder(ErrorKind.QUOTA_EXCEEDED, "quota exceeded for key '" + call.keyId() + "': "
            + what + "; retry after " + e.retryAfter().toMillis() + " ms")
        .retryAfter(e.retryAfter())
        .model(call.modelId())
        .quotaViolations(List.of(new QuotaViolation("key:" + call.keyId(), what)))
        .build();
  }

  QuotaStore quotas() {
    return quotas;
  }

  UsageStore usage() {
    return usage;
  }

  CallMetrics metrics() {
    return metrics;
  }

  AccessLog accessLog() {
    return accessLog;
  }

  Clock clock() {
    return clock;
  }
}
