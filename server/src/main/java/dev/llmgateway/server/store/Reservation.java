package dev.llmgateway.server.store;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@link QuotaStore#acquire} charged: enough to settle it later on any replica.
 *
 * @param tenant the tenant charged
 * @param leaseId the caller's id for this reservation, unique among the tenant's open reservations
 * @param charges the charges, in the order given
 * @param windowStarts the start of the window each {@link QuotaLimit.Kind#WINDOW} charge went into, by limit
 *     name; {@link QuotaStore#reconcile} corrects these same windows
 * @param remaining how much of each limit is left after this charge, by limit name (for response metadata)
 */
public record Reservation(
    String tenant, String leaseId, List<QuotaCharge> charges, Map<String, Instant> windowStarts,
    Map<String, Long> remaining) {
  public Reservation {
    requireNonNull(tenant, "tenant");
    requireNonNull(leaseId, "leaseId");
    charges = List.copyOf(charges);
    windowStarts = Map.copyOf(windowStarts);
    remaining = Map.copyOf(remaining);
  }
}
