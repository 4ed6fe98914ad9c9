package dev.llmgateway.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link QuotaStore} shares; each implementation runs it through a subclass. */
public abstract class QuotaStoreContractTest {
  /** 30 seconds into the minute that starts at 1714564800 (2024-05-01T12:00:00Z). */
  protected static final Instant T0 = Instant.parse("2024-05-01T12:00:30Z");
  protected static final StoreSettings SETTINGS = new StoreSettings(
      Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofMillis(1500), Duration.ofDays(400));
  protected static final QuotaLimit RPM = QuotaLimit.window("requests_per_minute", Duration.ofMinutes(1), 3);
  protected static final QuotaLimit TOKENS = QuotaLimit.window("tokens_per_minute", Duration.ofMinutes(1), 1000);
  protected static final QuotaLimit TPD =
      QuotaLimit.window("tokens_per_day:model=gpt-4o", Duration.ofDays(1), 10_000);
  protected static final QuotaLimit CONCURRENT = QuotaLimit.concurrency("concurrent_requests", 2);

  protected QuotaStore store;
  private int leases;

  /** Returns a store of the implementation under test, empty. */
  protected abstract QuotaStore newStore(StoreSettings settings);

  @BeforeEach
  void createStore() {
    store = newStore(SETTINGS);
  }

  @Test
  void admitsChargesUpToTheWindowMaximum() {
    assertThat(acquire(T0, QuotaCharge.of(RPM, 1)).remaining()).containsEntry(RPM.name(), 2L);
    assertThat(acquire(T0, QuotaCharge.of(RPM, 1)).remaining()).containsEntry(RPM.name(), 1L);
    assertThat(acquire(T0, QuotaCharge.of(RPM, 1)).remaining()).containsEntry(RPM.name(), 0L);

    QuotaExceededException e = rejected(T0.plusSeconds(10), QuotaCharge.of(RPM, 1));

    assertThat(e.limit()).isEqualTo(RPM);
    assertThat(e.used()).isEqualTo(3);
    assertThat(e.max()).isEqualTo(3);
    assertThat(e.requested()).isEqualTo(1);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(20));
    assertThat(e).hasMessage("quota exceeded: requests_per_minute (used 3 of 3, requested 1)");
  }

  @Test
  void startsEachWindowAfresh() {
    for (int i = 0; i < 3; i++) {
      acquire(T0, QuotaCharge.of(RPM, 1));
    }
    rejected(T0.plusSeconds(29), QuotaCharge.of(RPM, 1));

    Reservation next = acquire(T0.plusSeconds(30), QuotaCharge.of(RPM, 1));

    assertThat(next.windowStarts()).containsEntry(RPM.name(), Instant.parse("2024-05-01T12:01:00Z"));
    assertThat(next.remaining()).containsEntry(RPM.name(), 2L);
  }

  @Test
  void alignsWindowsToTheEpochSoADayStartsAtUtcMidnight() {
    Reservation r = acquire(T0, QuotaCharge.of(RPM, 1), QuotaCharge.of(TPD, 5));

    assertThat(r.windowStarts())
        .containsEntry(RPM.name(), Instant.parse("2024-05-01T12:00:00Z"))
        .containsEntry(TPD.name(), Instant.parse("2024-05-01T00:00:00Z"));
    assertThat(r.tenant()).isEqualTo("tenant-a");
    assertThat(r.charges()).containsExactly(QuotaCharge.of(RPM, 1), QuotaCharge.of(TPD, 5));
  }

  @Test
  void chargesNothingWhenAnyLimitIsFull() {
    acquire(T0, QuotaCharge.of(RPM, 1), QuotaCharge.of(TOKENS, 900), QuotaCharge.lease(CONCURRENT));

    QuotaExceededException e =
        rejected(T0, QuotaCharge.of(RPM, 1), QuotaCharge.of(TOKENS, 200), QuotaCharge.lease(CONCURRENT));

    assertThat(e.limit()).isEqualTo(TOKENS);
    assertThat(e.used()).isEqualTo(900);
    Reservation probe =
        acquire(T0, QuotaCharge.of(RPM, 1), QuotaCharge.of(TOKENS, 0), QuotaCharge.lease(CONCURRENT));
    assertThat(probe.remaining())
        .containsEntry(RPM.name(), 1L)
        .containsEntry(TOKENS.name(), 100L)
        .containsEntry(CONCURRENT.name(), 0L);
  }

  @Test
  void needsRoomForOneUnitEvenForAZeroCharge() {
    acquire(T0, QuotaCharge.of(TOKENS, 1000));

    QuotaExceededException e = rejected(T0, QuotaCharge.of(TOKENS, 0));

    assertThat(e.used()).isEqualTo(1000);
    assertThat(e.requested()).isZero();
  }

  @Test
  void rejectsAChargeLargerThanTheLimitEvenWhenEmpty() {
    assertThat(rejected(T0, QuotaCharge.of(TOKENS, 1001)).used()).isZero();
  }

  @Test
  void namesTheLimitFreeLastWhenSeveralAreFull() {
    QuotaLimit smallDay = QuotaLimit.window("requests_per_day", Duration.ofDays(1), 1);
    acquire(T0, QuotaCharge.of(RPM, 3), QuotaCharge.of(smallDay, 1));

    QuotaExceededException e = rejected(T0, QuotaCharge.of(RPM, 1), QuotaCharge.of(smallDay, 1));

    assertThat(e.limit()).isEqualTo(smallDay);
    assertThat(e.retryAfter()).isEqualTo(Duration.between(T0, Instant.parse("2024-05-02T00:00:00Z")));
  }

  @Test
  void limitsLeasesHeldAtOnceAndHintsAShortRetry() {
    acquire(T0, QuotaCharge.lease(CONCURRENT));
    Reservation second = acquire(T0, QuotaCharge.lease(CONCURRENT));
    assertThat(second.remaining()).containsEntry(CONCURRENT.name(), 0L);

    QuotaExceededException e = rejected(T0, QuotaCharge.lease(CONCURRENT));

    assertThat(e.limit()).isEqualTo(CONCURRENT);
    assertThat(e.used()).isEqualTo(2);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(1500));
    store.release(second);
    assertThat(acquire(T0, QuotaCharge.lease(CONCURRENT)).remaining()).containsEntry(CONCURRENT.name(), 0L);
  }

  @Test
  void freesTheSlotsOfExpiredLeases() {
    QuotaLimit one = QuotaLimit.concurrency("one", 1);
    acquire(T0, QuotaCharge.lease(one));
    rejected(T0.plusSeconds(59), QuotaCharge.lease(one));

    acquire(T0.plusSeconds(60), QuotaCharge.lease(one));
  }

  @Test
  void renewKeepsALeaseBeyondItsFirstExpiry() {
    QuotaLimit one = QuotaLimit.concurrency("one", 1);
    Reservation r = acquire(T0, QuotaCharge.lease(one));

    assertThat(store.renew(r, T0.plusSeconds(50))).isTrue();

    rejected(T0.plusSeconds(100), QuotaCharge.lease(one));
    acquire(T0.plusSeconds(110), QuotaCharge.lease(one));
  }

  @Test
  void renewReportsALeaseThatExpiredAndWasTaken() {
    QuotaLimit one = QuotaLimit.concurrency("one", 1);
    Reservation first = acquire(T0, QuotaCharge.lease(one));
    Reservation second = acquire(T0.plusSeconds(61), QuotaCharge.lease(one));

    assertThat(store.renew(first, T0.plusSeconds(62))).isFalse();

    assertThat(store.renew(second, T0.plusSeconds(62))).isTrue();
    rejected(T0.plusSeconds(63), QuotaCharge.lease(one));
  }

  @Test
  void renewReportsASettledReservation() {
    Reservation r = acquire(T0, QuotaCharge.lease(CONCURRENT), QuotaCharge.of(RPM, 1));
    store.release(r);

    assertThat(store.renew(r, T0.plusSeconds(1))).isFalse();
    assertThat(acquire(T0, QuotaCharge.lease(CONCURRENT)).remaining()).containsEntry(CONCURRENT.name(), 1L);
  }

  @Test
  void reconcileAddsTheDifferenceToTheReservedWindow() {
    Reservation r = acquire(T0, QuotaCharge.of(TOKENS, 100));

    store.reconcile(r, Map.of(TOKENS.name(), 400L));

    assertThat(tokensLeft(T0)).isEqualTo(600);
  }

  @Test
  void reconcileRefundsWhatWasNotUsed() {
    Reservation r = acquire(T0, QuotaCharge.of(TOKENS, 500), QuotaCharge.of(RPM, 1));

    store.reconcile(r, Map.of(TOKENS.name(), 100L, RPM.name(), 0L));

    assertThat(tokensLeft(T0)).isEqualTo(900);
    assertThat(acquire(T0, QuotaCharge.of(RPM, 1)).remaining()).containsEntry(RPM.name(), 2L);
  }

  @Test
  void reconcileCorrectsTheSameWindowAfterItHasEnded() {
    Reservation early = acquire(T0, QuotaCharge.of(TOKENS, 100));
    acquire(T0.plusSeconds(60), QuotaCharge.of(TOKENS, 50));

    store.reconcile(early, Map.of(TOKENS.name(), 300L));

    assertThat(tokensLeft(T0)).isEqualTo(700);
    assertThat(tokensLeft(T0.plusSeconds(60))).isEqualTo(950);
  }

  @Test
  void settlesAReservationOnlyOnce() {
    Reservation r = acquire(T0, QuotaCharge.of(TOKENS, 100), QuotaCharge.lease(CONCURRENT));
    Reservation other = acquire(T0, QuotaCharge.lease(CONCURRENT));

    store.reconcile(r, Map.of(TOKENS.name(), 300L));
    store.reconcile(r, Map.of(TOKENS.name(), 300L));
    store.release(r);

    assertThat(tokensLeft(T0)).isEqualTo(700);
    assertThat(store.renew(other, T0.plusSeconds(1))).isTrue();
    assertThat(acquire(T0, QuotaCharge.lease(CONCURRENT)).remaining()).containsEntry(CONCURRENT.name(), 0L);
  }

  @Test
  void reconcileFreesTheLeases() {
    QuotaLimit one = QuotaLimit.concurrency("one", 1);
    Reservation r = acquire(T0, QuotaCharge.lease(one));

    store.reconcile(r, Map.of());

    acquire(T0, QuotaCharge.lease(one));
  }

  @Test
  void reconcileKeepsTheReservedAmountOfLimitsNotNamedAndIgnoresOthers() {
    Reservation r = acquire(T0, QuotaCharge.of(TOKENS, 100), QuotaCharge.of(RPM, 1));

    store.reconcile(r, Map.of(RPM.name(), 1L, "unknown_limit", 5L, CONCURRENT.name(), 0L));

    assertThat(tokensLeft(T0)).isEqualTo(900);
  }

  @Test
  void releaseKeepsWindowChargesAndFreesLeases() {
    QuotaLimit one = QuotaLimit.concurrency("one", 1);
    Reservation r = acquire(T0, QuotaCharge.of(TOKENS, 100), QuotaCharge.lease(one));

    store.release(r);

    assertThat(tokensLeft(T0)).isEqualTo(900);
    acquire(T0, QuotaCharge.lease(one));
  }

  @Test
  void rejectsALeaseIdThatIsStillOpenAndAcceptsItOnceSettled() {
    Reservation r = store.acquire("tenant-a", List.of(QuotaCharge.of(RPM, 1)), "req-1", T0);

    assertThatThrownBy(() -> store.acquire("tenant-a", List.of(QuotaCharge.of(RPM, 1)), "req-1", T0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("leaseId: req-1 already has an open reservation");
    assertThat(acquire(T0, QuotaCharge.of(RPM, 1)).remaining()).containsEntry(RPM.name(), 1L);

    store.release(r);
    store.acquire("tenant-a", List.of(), "req-1", T0);
  }

  @Test
  void countsEachTenantApart() {
    for (int i = 0; i < 3; i++) {
      acquire(T0, QuotaCharge.of(RPM, 1));
    }

    Reservation other = store.acquire("tenant-b", List.of(QuotaCharge.of(RPM, 1)), "b-1", T0);

    assertThat(other.remaining()).containsEntry(RPM.name(), 2L);
  }

  @Test
  void acceptsAnEmptyChargeList() {
    Reservation r = store.acquire("tenant-a", List.of(), "req-1", T0);

    assertThat(r.remaining()).isEmpty();
    assertThat(store.renew(r, T0)).isTrue();
    store.reconcile(r, Map.of());
  }

  @Test
  void rejectsInvalidArguments() {
    assertThatThrownBy(() -> store.acquire(" ", List.of(), "req-1", T0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("tenant: blank");
    assertThatThrownBy(() -> store.acquire("tenant-a", List.of(), "", T0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("leaseId: blank");
    assertThatThrownBy(() -> acquire(T0, QuotaCharge.of(RPM, 1), QuotaCharge.of(RPM, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("charges: limit requests_per_minute twice (expected: once)");
    Reservation r = acquire(T0, QuotaCharge.of(TOKENS, 1));
    assertThatThrownBy(() -> store.reconcile(r, Map.of(TOKENS.name(), -1L)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void neverAdmitsMoreThanTheMaximumUnderContention() throws Exception {
    QuotaLimit limit = QuotaLimit.window("contended", Duration.ofMinutes(1), 50);
    QuotaLimit slots = QuotaLimit.concurrency("slots", 3);
    AtomicInteger admitted = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    ConcurrentCalls.run(List.of(store, store), 4, 40, (s, id) -> {
      try {
        Reservation r = s.acquire("tenant-a", List.of(QuotaCharge.of(limit, 1)), id + "-w", T0);
        admitted.incrementAndGet();
        s.release(r);
      } catch (QuotaExceededException e) {
        refused.incrementAndGet();
      }
      try {
        Reservation r = s.acquire("tenant-a", List.of(QuotaCharge.lease(slots)), id + "-c", T0);
        peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        inFlight.decrementAndGet();
        s.release(r);
      } catch (QuotaExceededException e) {
        assertThat(e.limit()).isEqualTo(slots);
      }
    });

    assertThat(admitted).hasValue(50);
    assertThat(refused).hasValue(2 * 4 * 40 - 50);
    assertThat(peak.get()).isBetween(1, 3);
  }

  /** Acquires for tenant-a with a fresh lease id. */
  protected Reservation acquire(Instant now, QuotaCharge... charges) {
    return store.acquire("tenant-a", List.of(charges), "lease-" + (++leases), now);
  }

  protected QuotaExceededException rejected(Instant now, QuotaCharge... charges) {
    QuotaExceededException e = catchThrowableOfType(QuotaExceededException.class, () -> acquire(now, charges));
    assertThat(e).as("acquire should have been rejected").isNotNull();
    return e;
  }

  /** Returns the tokens left in the window holding {@code now}, without charging any. */
  protected long tokensLeft(Instant now) {
    return acquire(now, QuotaCharge.of(TOKENS, 0)).remaining().get(TOKENS.name());
  }
}
