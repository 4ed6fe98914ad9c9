package dev.llmgateway.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Counts calls against per-tenant limits: fixed-window counters (requests or tokens per minute, per day) and
 * concurrency leases (calls in flight). A call is charged up front by {@link #acquire} and settled exactly
 * once afterwards by {@link #reconcile} or {@link #release}; long calls keep their leases with
 * {@link #renew}. Implementations are thread-safe and shared by all replicas that use the same backend.
 * Every method may throw {@link StoreUnavailableException}; none retries on its own.
 */
public interface QuotaStore {

  /**
   * Charges every charge, or none: if any window would go over its maximum or any concurrency limit is full,
   * nothing is charged and a {@link QuotaExceededException} names the full limit (the one with the longest
   * {@code retryAfter} when several are). A window charge fits when the window's count plus
   * {@code max(amount, 1)} stays within the maximum, so a zero amount still needs room for one unit. Expired
   * leases are dropped first, so a crashed replica's slots free themselves.
   *
   * @param tenant the tenant, usually the API key id; not blank
   * @param charges the charges, at most one per limit name
   * @param leaseId an id unique among the tenant's open reservations (a request id does); not blank
   * @param now the current time, which picks the windows and lease expiries
   * @throws QuotaExceededException when a limit is full
   * @throws IllegalStateException when {@code leaseId} already has an open reservation
   */
  Reservation acquire(String tenant, List<QuotaCharge> charges, String leaseId, Instant now);

  /**
   * Settles a reservation with the amounts actually used: adds {@code actual - reserved} to the same windows
   * the reservation charged, even when those windows have ended (while their counters still exist, that is
   * up to {@link StoreSettings#windowMargin} after their end), never rejects, never takes a count below zero,
   * and releases the reservation's leases. Limits missing from {@code actualAmounts} keep the reserved
   * amount; names the reservation did not charge are ignored. Passing zero for every limit refunds the call.
   * Only the first settlement of a reservation has any effect; later calls do nothing.
   *
   * @param actualAmounts the amount used, by limit name
   */
  void reconcile(Reservation reservation, Map<String, Long> actualAmounts);

  /**
   * Settles a reservation by releasing its leases and keeping its window charges as reserved, for calls that
   * ended without a usage count (to refund instead, {@link #reconcile} with zeros). Only the first settlement
   * of a reservation has any effect; later calls do nothing.
   */
  void release(Reservation reservation);

  /**
   * Extends the reservation's leases to {@code now} plus {@link StoreSettings#leaseTtl}, for calls that outlive
   * it such as long streams. Returns false when the reservation is already settled or one of its leases has
   * expired (that lease is then dropped, and its slot may already serve another call).
   */
  boolean renew(Reservation reservation, Instant now);
}
