package dev.llmgateway.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link UsageStore} shares; each implementation runs it through a subclass. */
public abstract class UsageStoreContractTest {
  protected static final LocalDate DAY = LocalDate.parse("2024-05-01");
  protected static final StoreSettings SETTINGS = new StoreSettings(
      Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(1), Duration.ofDays(10));

  protected UsageStore store;

  /** Returns a store of the implementation under test, empty. */
  protected abstract UsageStore newStore(StoreSettings settings);

  @BeforeEach
  void createStore() {
    store = newStore(SETTINGS);
  }

  @Test
  void sumsRecordsOfTheSameTenantModelProviderAndDay() {
    store.record(new UsageRecord("key-a", "gpt-4o", "openai", DAY, 1, 0, 100, 20, 1_500, 300));
    store.record(new UsageRecord("key-a", "gpt-4o", "openai", DAY, 2, 1, 50, 5, 500, 700));

    assertThat(store.query(Optional.of("key-a"), DAY, DAY))
        .containsExactly(new UsageAggregate("key-a", "gpt-4o", "openai", DAY, 3, 1, 150, 25, 2_000, 1_000));
  }

  @Test
  void keepsModelsProvidersTenantsAndDaysApart() {
    store.record(usage("key-b", "gpt-4o", "openai", DAY, 1));
    store.record(usage("key-a", "gpt-4o", "openai", DAY.plusDays(1), 2));
    store.record(usage("key-a", "gpt-4o", "azure", DAY, 3));
    store.record(usage("key-a", "claude", "anthropic", DAY, 4));
    store.record(usage("key-a", "gpt-4o", "openai", DAY, 5));

    assertThat(store.query(Optional.empty(), DAY, DAY.plusDays(1))).containsExactly(
        aggregate("key-a", "claude", "anthropic", DAY, 4),
        aggregate("key-a", "gpt-4o", "azure", DAY, 3),
        aggregate("key-a", "gpt-4o", "openai", DAY, 5),
        aggregate("key-b", "gpt-4o", "openai", DAY, 1),
        aggregate("key-a", "gpt-4o", "openai", DAY.plusDays(1), 2));
  }

  @Test
  void queriesOneTenantOverAnInclusiveRange() {
    for (int d = 0; d < 5; d++) {
      store.record(usage("key-a", "gpt-4o", "openai", DAY.plusDays(d), d + 1));
      store.record(usage("key-b", "gpt-4o", "openai", DAY.plusDays(d), 10));
    }

    assertThat(store.query(Optional.of("key-a"), DAY.plusDays(1), DAY.plusDays(3))).containsExactly(
        aggregate("key-a", "gpt-4o", "openai", DAY.plusDays(1), 2),
        aggregate("key-a", "gpt-4o", "openai", DAY.plusDays(2), 3),
        aggregate("key-a", "gpt-4o", "openai", DAY.plusDays(3), 4));
  }

  @Test
  void listsOnlyTenantsWithUsageInTheRange() {
    store.record(usage("key-old", "gpt-4o", "openai", DAY, 1));
    store.record(usage("key-new", "gpt-4o", "openai", DAY.plusDays(3), 1));

    assertThat(store.query(Optional.empty(), DAY.plusDays(2), DAY.plusDays(4)))
        .extracting(UsageAggregate::tenant).containsExactly("key-new");
    assertThat(store.query(Optional.of("nobody"), DAY, DAY.plusDays(4))).isEmpty();
  }

  @Test
  void keepsNamesWithSeparatorCharactersIntact() {
    store.record(usage("key-a", "org|model%7C", "p|q%", DAY, 1));
    store.record(usage("key-a", "org", "model|p", DAY, 2));

    assertThat(store.query(Optional.of("key-a"), DAY, DAY)).containsExactly(
        aggregate("key-a", "org", "model|p", DAY, 2),
        aggregate("key-a", "org|model%7C", "p|q%", DAY, 1));
  }

  @Test
  void dropsDaysPastTheRetention() {
    store.record(usage("key-a", "gpt-4o", "openai", DAY, 1));
    store.record(usage("key-b", "gpt-4o", "openai", DAY, 1));
    store.record(usage("key-a", "gpt-4o", "openai", DAY.plusDays(10), 2));

    assertThat(store.query(Optional.of("key-a"), DAY, DAY.plusDays(20))).hasSize(2);

    store.record(usage("key-a", "gpt-4o", "openai", DAY.plusDays(11), 3));

    assertThat(store.query(Optional.of("key-a"), DAY, DAY.plusDays(20))).containsExactly(
        aggregate("key-a", "gpt-4o", "openai", DAY.plusDays(10), 2),
        aggregate("key-a", "gpt-4o", "openai", DAY.plusDays(11), 3));
    assertThat(store.query(Optional.empty(), DAY, DAY.plusDays(20)))
        .extracting(UsageAggregate::tenant).containsOnly("key-a");
  }

  @Test
  void rejectsARangeThatEndsBeforeItStarts() {
    assertThatThrownBy(() -> store.query(Optional.empty(), DAY.plusDays(1), DAY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("from: 2024-05-02 (expected: not after to 2024-05-01)");
  }

  private static UsageRecord usage(String tenant, String model, String provider, LocalDate day, long requests) {
    return new UsageRecord(tenant, model, provider, day, requests, 0, 10 * requests, requests, 0, 0);
  }

  private static UsageAggregate aggregate(String tenant, String model, String provider, LocalDate day, long requests) {
    return new UsageAggregate(tenant, model, provider, day, requests, 0, 10 * requests, requests, 0, 0);
  }
}
