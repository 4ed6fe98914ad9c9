package dev.llmgateway.server.store.memory;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.store.QuotaCharge;
import dev.llmgateway.server.store.QuotaExceededException;
import dev.llmgateway.server.store.QuotaLimit;
import dev.llmgateway.server.store.QuotaStore;
import dev.llmgateway.server.store.QuotaWindows;
import dev.llmgateway.server.store.Reservation;
import dev.llmgateway.server.store.StoreSettings;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps quota counters and leases in this process behind one lock; expired entries are swept at most once a
 * second of the callers' time.
 */
public final class InMemoryQuotaStore implements QuotaStore {
  private static final long SWEEP_INTERVAL_MILLIS = 1_000;

  private record WindowKey(String tenant, String limit, long windowStart) {}

  private record LeaseKey(String tenant, String limit) {}

  private record ReservationKey(String tenant, String leaseId) {}

  private static final class Counter {
    long value;
    long expiresAtMillis;
  }

  private final StoreSettings settings;
  private final Object lock = new Object();
  private final Map<WindowKey, Counter> counters = new HashMap<>();
  /** Lease ids and their expiry, per concurrency limit. */
  private final Map<LeaseKey, Map<String, Long>> leases = new HashMap<>();
  /** Open reservations and when they are forgotten, like the Redis reservation marker. */
  private final Map<ReservationKey, Long> open = new HashMap<>();
  /** The latest time any caller passed in; reconcile and release take none. */
  private long latestMillis = Long.MIN_VALUE;
  private long nextSweepMillis = Long.MIN_VALUE;

  public InMemoryQuotaStore(StoreSettings settings) {
    this.settings = requireNonNull(settings, "settings");
  }

  @Override
  public Reservation acquire(String tenant, List<QuotaCharge> charges, String leaseId, Instant now) {
    QuotaWindows.checkAcquire(tenant, charges, leaseId);
    long nowMillis = now.toEpochMilli();
    ReservationKey reservationKey = new ReservationKey(tenant, leaseId);
    synchronized (lock) {
      advance(nowMillis);
      if (live(open.get(reservationKey), nowMillis)) {
        throw new IllegalStateException("leaseId: " + leaseId + " already has an open reservation");
      }
      long[] used = new long[charges.size()];
      for (int i = 0; i < charges.size(); i++) {
        used[i] = used(tenant, charges.get(i), now);
      }
      Optional<QuotaExceededException> violation = QuotaWindows.violation(charges, used, now, settings);
      if (violation.isPresent()) {
        throw violation.get();
      }
      Map<String, Instant> windowStarts = new HashMap<>();
      Map<String, Long> remaining = new LinkedHashMap<>();
      for (QuotaCharge charge : charges) {
        QuotaLimit limit = charge.limit();
        if (limit.kind() == QuotaLimit.Kind.WINDOW) {
          long start = QuotaWindows.windowStartEpochSecond(limit, now);
          Counter counter = counters.computeIfAbsent(new WindowKey(tenant, limit.name(), start), k -> new Counter());
          if (!live(counter.expiresAtMillis, nowMillis)) {
            counter.value = 0;
          }
          counter.value += charge.amount();
          counter.expiresAtMillis = nowMillis + limit.window().plus(settings.windowMargin()).toMillis();
          windowStarts.put(limit.name(), Instant.ofEpochSecond(start));
          remaining.put(limit.name(), QuotaWindows.remaining(limit, counter.value));
        } else {
          Map<String, Long> held = leases.computeIfAbsent(new LeaseKey(tenant, limit.name()), k -> new HashMap<>());
          held.put(leaseId, nowMillis + settings.leaseTtl().toMillis());
          remaining.put(limit.name(), QuotaWindows.remaining(limit, held.size()));
        }
      }
      open.put(reservationKey, nowMillis + QuotaWindows.reservationLifetime(charges, settings).toMillis());
      return new Reservation(tenant, leaseId, charges, windowStarts, remaining);
    }
  }

  @Override
  public void reconcile(Reservation reservation, Map<String, Long> actualAmounts) {
    Map<String, Long> deltas = QuotaWindows.deltas(reservation, actualAmounts);
    synchronized (lock) {
      if (!settle(reservation)) {
        return;
      }
      for (QuotaCharge charge : reservation.charges()) {
        Long delta = deltas.get(charge.limit().name());
        if (delta == null) {
          continue;
        }
        long start = reservation.windowStarts().get(charge.limit().name()).getEpochSecond();
        Counter counter = counters.get(new WindowKey(reservation.tenant(), charge.limit().name(), start));
        // A counter already gone belongs to a window long over: there is nothing left to correct.
        if (counter != null && live(counter.expiresAtMillis, latestMillis)) {
          counter.value = Math.max(0, counter.value + delta);
        }
      }
    }
  }

  @Override
  public void release(Reservation reservation) {
    synchronized (lock) {
      settle(reservation);
    }
  }

  @Override
  public boolean renew(Reservation reservation, Instant now) {
    long nowMillis = now.toEpochMilli();
    ReservationKey reservationKey = new ReservationKey(reservation.tenant(), reservation.leaseId());
    synchronized (lock) {
      advance(nowMillis);
      Long forgetAt = open.get(reservationKey);
      if (!live(forgetAt, nowMillis)) {
        return false;
      }
      boolean held = true;
      for (QuotaCharge charge : reservation.charges()) {
        if (charge.limit().kind() != QuotaLimit.Kind.CONCURRENCY) {
          continue;
        }
        Map<String, Long> leaseIds = leases.get(new LeaseKey(reservation.tenant(), charge.limit().name()));
        Long expiry = leaseIds == null ? null : leaseIds.get(reservation.leaseId());
        if (live(expiry, nowMillis)) {
          leaseIds.put(reservation.leaseId(), nowMillis + settings.leaseTtl().toMillis());
        } else {
          if (leaseIds != null) {
            leaseIds.remove(reservation.leaseId());
          }
          held = false;
        }
      }
      long renewedForgetAt = nowMillis + settings.leaseTtl().plus(settings.windowMargin()).toMillis();
      open.put(reservationKey, Math.max(forgetAt, renewedForgetAt));
      return held;
    }
  }

  /** Closes the reservation and frees its leases; returns false when it was not open. Holds the lock. */
  private boolean settle(Reservation reservation) {
    Long forgetAt = open.remove(new ReservationKey(reservation.tenant(), reservation.leaseId()));
    if (!live(forgetAt, latestMillis)) {
      return false;
    }
    for (QuotaCharge charge : reservation.charges()) {
      if (charge.limit().kind() == QuotaLimit.Kind.CONCURRENCY) {
        Map<String, Long> leaseIds = leases.get(new LeaseKey(reservation.tenant(), charge.limit().name()));
        if (leaseIds != null) {
          leaseIds.remove(reservation.leaseId());
        }
      }
    }
    return true;
  }

  /** Returns how much of a charge's limit is in use at {@code now}, dropping expired leases. Holds the lock. */
  private long used(String tenant, QuotaCharge charge, Instant now) {
    QuotaLimit limit = charge.limit();
    long nowMillis = now.toEpochMilli();
    if (limit.kind() == QuotaLimit.Kind.WINDOW) {
      long start = QuotaWindows.windowStartEpochSecond(limit, now);
      Counter counter = counters.get(new WindowKey(tenant, limit.name(), start));
      return counter != null && live(counter.expiresAtMillis, nowMillis) ? counter.value : 0;
    }
    Map<String, Long> held = leases.get(new LeaseKey(tenant, limit.name()));
    if (held == null) {
      return 0;
    }
    held.values().removeIf(expiry -> expiry <= nowMillis);
    return held.size();
  }

  /** Moves the store's notion of now forward and sweeps expired entries when one is due. Holds the lock. */
  private void advance(long nowMillis) {
    latestMillis = Math.max(latestMillis, nowMillis);
    if (nowMillis < nextSweepMillis) {
      return;
    }
    nextSweepMillis = nowMillis + SWEEP_INTERVAL_MILLIS;
    counters.values().removeIf(c -> c.expiresAtMillis <= nowMillis);
    open.values().removeIf(forgetAt -> forgetAt <= nowMillis);
    for (Map<String, Long> held : leases.values()) {
      held.values().removeIf(expiry -> expiry <= nowMillis);
    }
    leases.values().removeIf(Map::isEmpty);
  }

  private static boolean live(Long expiresAtMillis, long nowMillis) {
    return expiresAtMillis != null && expiresAtMillis > nowMillis;
  }
}
