package dev.llmgateway.server.store;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The arithmetic every {@link QuotaStore} shares, so all backends pick the same windows, admit the same
 * charges and report the same violation.
 */
public final class QuotaWindows {
  private QuotaWindows() {}

  /** Returns the start of the window that holds {@code now}, in epoch seconds. */
  public static long windowStartEpochSecond(QuotaLimit limit, Instant now) {
    long length = limit.window().getSeconds();
    return Math.floorDiv(now.getEpochSecond(), length) * length;
  }

  /** Returns whether {@code amount} fits on top of {@code used}; a zero amount still needs one unit of room. */
  public static boolean fits(QuotaCharge charge, long used) {
    return used + Math.max(charge.amount(), 1) <= charge.limit().max();
  }

  /** Returns what is left of a limit after a successful charge brought it to {@code usedAfter}. */
  public static long remaining(QuotaLimit limit, long usedAfter) {
    return Math.max(0, limit.max() - usedAfter);
  }

  /**
   * Returns the exception for the charges that do not fit, given what each limit held, or empty when all fit.
   * Among several full limits it names the one free last, since every one must fit.
   */
  public static Optional<QuotaExceededException> violation(
      List<QuotaCharge> charges, long[] used, Instant now, StoreSettings settings) {
    QuotaExceededException worst = null;
    for (int i = 0; i < charges.size(); i++) {
      QuotaCharge charge = charges.get(i);
      if (fits(charge, used[i])) {
        continue;
      }
      Duration retryAfter = retryAfter(charge.limit(), now, settings);
      if (worst == null || retryAfter.compareTo(worst.retryAfter()) > 0) {
        worst = new QuotaExceededException(charge.limit(), used[i], charge.amount(), retryAfter);
      }
    }
    return Optional.ofNullable(worst);
  }

  /** Returns the longest time any key of these charges must live: the longest window, or the lease TTL. */
  public static Duration reservationLifetime(List<QuotaCharge> charges, StoreSettings settings) {
    Duration longest = settings.leaseTtl();
    for (QuotaCharge charge : charges) {
      if (charge.limit().window().compareTo(longest) > 0) {
        longest = charge.limit().window();
      }
    }
    return longest.plus(settings.windowMargin());
  }

  /** Returns {@code actual - reserved} per window charge, leaving out charges with no change. */
  public static Map<String, Long> deltas(Reservation reservation, Map<String, Long> actualAmounts) {
    Map<String, Long> deltas = new HashMap<>();
    for (QuotaCharge charge : reservation.charges()) {
      String name = charge.limit().name();
      Long actual = actualAmounts.get(name);
      if (charge.limit().kind() != QuotaLimit.Kind.WINDOW || actual == null) {
        continue;
      }
      if (actual < 0) {
        throw new IllegalArgumentException("actualAmounts[" + name + "]: " + actual + " (expected: >= 0)");
      }
      if (actual != charge.amount()) {
        deltas.put(name, actual - charge.amount());
      }
    }
    return deltas;
  }

  /** Checks the arguments every {@link QuotaStore#acquire} takes. */
  public static void checkAcquire(String tenant, List<QuotaCharge> charges, String leaseId) {
    if (tenant.isBlank()) {
      throw new IllegalArgumentException("tenant: blank (expected: an API key id)");
    }
    if (leaseId.isBlank()) {
      throw new IllegalArgumentException("leaseId: blank (expected: a unique id such as the request id)");
    }
    Set<String> names = new HashSet<>();
    for (QuotaCharge charge : charges) {
      if (!names.add(charge.limit().name())) {
        throw new IllegalArgumentException("charges: limit " + charge.limit().name() + " twice (expected: once)");
      }
    }
  }

  private static Duration retryAfter(QuotaLimit limit, Instant now, StoreSettings settings) {
    if (limit.kind() == QuotaLimit.Kind.CONCURRENCY) {
      return settings.concurrencyRetryAfter();
    }
    Instant end = Instant.ofEpochSecond(windowStartEpochSecond(limit, now) + limit.window().getSeconds());
    return Duration.between(now, end);
  }
}
