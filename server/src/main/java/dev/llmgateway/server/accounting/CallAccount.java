package dev.llmgateway.server.accounting;

import dev.llmgateway.server.config.ModelPrice;
import dev.llmgateway.server.store.Reservation;
import dev.llmgateway.server.store.StoreUnavailableException;
import dev.llmgateway.server.store.UsageRecord;
import dev.llmgateway.server.telemetry.CallOutcome;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * One admitted call's account: its reservation and timings, settled exactly once when the call ends
 * (whichever of completion, failure or cancellation comes first). Settling reconciles token and spend
 * limits with the real usage, releases the in-flight slot, records the usage aggregate, the metrics and the
 * access log line. Store failures while settling are logged, never thrown: the caller already has its answer.
 */
public final class CallAccount {
  private static final Logger logger = Logger.getLogger(CallAccount.class.getName());

  private final CallInfo call;
  private final long inputEstimate;
  private final Optional<ModelPrice> price;
  @Nullable private final Reservation reservation;
  private final Accounting accounting;
  private final long startNanos = System.nanoTime();
  private final AtomicBoolean settled = new AtomicBoolean();
  private volatile long dispatchNanos;
  private volatile long firstChunkNanos;
  private volatile long upstreamEndNanos;
  // Usage of attempts abandoned along the way (a hedge's loser), added to the call's own when it settles.
  private CallUsage abandoned = CallUsage.NONE;
  // Who served, when it is not the model and provider the call was admitted for (a fallback, another deployment).
  @Nullable private volatile Served served;

  private record Served(CallInfo call, Optional<ModelPrice> price) {}

  CallAccount(CallInfo call, long inputEstimate, Optional<ModelPrice> price, @Nullable Reservation reservation,
      Accounting accounting) {
    this.call = call;
    this.inputEstimate = inputEstimate;
    this.price = price;
    this.reservation = reservation;
    this.accounting = accounting;
  }

  /** Returns the call this account is for. */
  public CallInfo call() {
    return call;
  }

  /** Returns the prompt-token estimate the reservation used. */
  public long inputEstimate() {
    return inputEstimate;
  }

  /** Notes that the upstream call starts now. */
  public void dispatched() {
    dispatchNanos = System.nanoTime();
  }

  /** Notes that the first streamed chunk arrived now (only the first call counts). */
  public void firstChunk() {
    if (firstChunkNanos == 0) {
      firstChunkNanos = System.nanoTime();
    }
  }

  /** Notes that the provider's answer (or its last chunk) arrived now. */
  public void upstreamFinished() {
    if (upstreamEndNanos == 0) {
      upstreamEndNanos = System.nanoTime();
    }
  }

  /**
   * Adds the usage of an attempt the call abandoned after its request went out (a hedge that lost its
   * race): its own answer's usage when one came, else an estimate of the prompt it was sent.
   */
  public synchronized void abandoned(CallUsage usage) {
    abandoned = abandoned.plus(usage);
  }

  /**
   * Notes that {@code modelId} on {@code provider} served the call (a fallback model, or another
   * deployment's provider): usage, spend, metrics and the access log then name it, at its price.
   */
  public void servedBy(String modelId, String provider, Optional<ModelPrice> price) {
    if (!modelId.equals(call.modelId()) || !provider.equals(call.provider())) {
      served = new Served(new CallInfo(call.requestId(), call.method(), call.keyId(), modelId, provider), price);
    }
  }

  /** Returns the catalogue model that served the call: the admitted one unless {@link #servedBy} named another. */
  public String servedModel() {
    Served by = served;
    return by != null ? by.call().modelId() : call.modelId();
  }

  /** Returns whether the upstream call was started. */
  public boolean wasDispatched() {
    return dispatchNanos != 0;
  }

  /**
   * Returns what is left of each limited quota after this call's reservation, as comma-separated
   * {@code limit=remaining} pairs, or empty when nothing is limited.
   */
  public String remainingQuota() {
    if (reservation == null || reservation.remaining().isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    reservation.remaining().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(e.getKey()).append('=').append(e.getValue());
    });
    return out.toString();
  }

  /** Returns the gateway's own share of the call so far, in microseconds: elapsed minus upstream time. */
  public long overheadMicros() {
    long now = System.nanoTime();
    long total = now - startNanos;
    long upstream = dispatchNanos == 0 ? 0 : (upstreamEndNanos == 0 ? now : upstreamEndNanos) - dispatchNanos;
    return Math.max(0, total - upstream) / 1_000;
  }

  /**
   * Settles the call; only the first call has any effect.
   *
   * @param status the gRPC status code name the caller got
   * @param callUsage what the call consumed (abandoned attempts are added to it)
   * @param finishReason the finish reason name, or empty
   */
  public void settle(String status, CallUsage callUsage, String finishReason) {
    CallUsage usage;
    if (!settled.compareAndSet(false, true)) {
      return;
    }
    synchronized (this) {
      usage = callUsage.plus(abandoned);
    }
    long end = System.nanoTime();
    Served by = served;
    CallInfo call = by != null ? by.call() : this.call;
    Optional<ModelPrice> price = by != null ? by.price() : this.price;
    long cost = price.map(p -> p.costMicros(usage.inputTokens(), usage.cachedInputTokens(), usage.outputTokens()))
        .orElse(0L);
    reconcile(usage, cost);
    record(call, status, usage, cost, end);
    long upstreamNanos = dispatchNanos == 0 ? 0 : (upstreamEndNanos == 0 ? end : upstreamEndNanos) - dispatchNanos;
    CallOutcome outcome = CallOutcome.builder(call.requestId(), call.method())
        .model(call.modelId()).provider(call.provider()).keyId(call.keyId()).status(status)
        .durationNanos(end - startNanos).upstreamNanos(upstreamNanos)
        .timeToFirstTokenNanos(firstChunkNanos == 0 ? -1 : firstChunkNanos - startNanos)
        .tokens(usage.inputTokens(), usage.outputTokens(), usage.cachedInputTokens())
        .finishReason(finishReason)
        .build();
    accounting.metrics().record(outcome);
    accounting.accessLog().log(outcome);
  }

  private void reconcile(CallUsage usage, long cost) {
    if (reservation == null) {
      return;
    }
    Map<String, Long> actual = new HashMap<>();
    for (var charge : reservation.charges()) {
      String limit = charge.limit().name();
      if (QuotaPlan.countsTokens(limit)) {
        actual.put(limit, usage.totalTokens());
      } else if (QuotaPlan.countsSpend(limit)) {
        actual.put(limit, cost);
      }
    }
    try {
      accounting.quotas().reconcile(reservation, actual);
    } catch (StoreUnavailableException e) {
      logger.log(Level.WARNING, "request " + call.requestId() + ": could not reconcile quotas (store unreachable);"
          + " the in-flight slot frees itself when its lease expires", e);
    }
  }

  private void record(CallInfo call, String status, CallUsage usage, long cost, long end) {
    LocalDate day = LocalDate.ofInstant(accounting.clock().instant(), ZoneOffset.UTC);
    try {
      accounting.usage().record(new UsageRecord(call.keyId(), call.modelId(), call.provider(), day, 1,
          "OK".equals(status) ? 0 : 1, usage.inputTokens(), usage.outputTokens(), cost,
          (end - startNanos) / 1_000_000));
    } catch (StoreUnavailableException e) {
      logger.log(Level.WARNING, "request " + call.requestId() + ": usage not recorded (store unreachable)", e);
    }
  }
}
