package dev.llmgateway.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Validation and behaviour of the stores' value types. */
class StoreValuesTest {
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

  @Test
  void validatesLimits() {
    assertThatThrownBy(() -> QuotaLimit.window(" ", Duration.ofMinutes(1), 1))
        .hasMessage("name: blank (expected: a stable limit id)");
    assertThatThrownBy(() -> QuotaLimit.window("rpm", Duration.ofMillis(1500), 1))
        .hasMessage("window: PT1.5S (expected: whole seconds, >= 1s)");
    assertThatThrownBy(() -> QuotaLimit.window("rpm", Duration.ZERO, 1))
        .hasMessage("window: PT0S (expected: whole seconds, >= 1s)");
    assertThatThrownBy(() -> QuotaLimit.window("rpm", Duration.ofMinutes(1), -1))
        .hasMessage("max: -1 (expected: >= 0)");
    assertThatThrownBy(() -> new QuotaLimit("c", QuotaLimit.Kind.CONCURRENCY, Duration.ofSeconds(1), 1))
        .hasMessage("window: PT1S (expected: zero for a concurrency limit)");
  }

  @Test
  void validatesCharges() {
    QuotaLimit rpm = QuotaLimit.window("rpm", Duration.ofMinutes(1), 1);
    assertThatThrownBy(() -> QuotaCharge.of(rpm, -1)).hasMessage("amount: -1 (expected: >= 0)");
    assertThatThrownBy(() -> QuotaCharge.of(QuotaLimit.concurrency("c", 1), 2))
        .hasMessage("amount: 2 (expected: 1 for a concurrency limit)");
  }

  @Test
  void validatesSettings() {
    assertThat(StoreSettings.defaults().usageRetentionDays()).isEqualTo(400);
    assertThatThrownBy(() -> new StoreSettings(Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ZERO,
        Duration.ofDays(1))).hasMessage("leaseTtl: PT0.01S (expected: whole seconds, >= 1s)");
    assertThatThrownBy(() -> new StoreSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO,
        Duration.ofHours(1))).hasMessage("usageRetention: PT1H (expected: >= 1 day)");
  }

  @Test
  void alignsWindowsBeforeTheEpochToo() {
    QuotaLimit minute = QuotaLimit.window("m", Duration.ofMinutes(1), 1);

    assertThat(QuotaWindows.windowStartEpochSecond(minute, Instant.ofEpochSecond(-1))).isEqualTo(-60);
    assertThat(QuotaWindows.windowStartEpochSecond(minute, Instant.ofEpochSecond(119))).isEqualTo(60);
  }

  @Test
  void validatesUsageRecords() {
    assertThatThrownBy(() -> new UsageRecord("t", "m", "p", LocalDate.EPOCH, -1, 0, 0, 0, 0, 0))
        .hasMessage("requests: -1 (expected: >= 0)");
    assertThatThrownBy(() -> new UsageRecord("t", "", "p", LocalDate.EPOCH, 1, 0, 0, 0, 0, 0))
        .hasMessage("model: blank");
  }

  @Test
  void copiesKeyHashesInAndOutAndKeepsThemOutOfToString() {
    byte[] hash = ApiKeyStoreContractTest.hash(7);
    ApiKeyRecord r = new ApiKeyRecord("key_1", "n", hash, Set.of(), Set.of(), Optional.empty(), false, NOW);

    hash[0] = 0;
    r.keyHash()[1] = 0;

    assertThat(r.keyHash()).isEqualTo(ApiKeyStoreContractTest.hash(7));
    assertThat(r).isEqualTo(new ApiKeyRecord("key_1", "n", ApiKeyStoreContractTest.hash(7), Set.of(), Set.of(),
        Optional.empty(), false, NOW)).hasSameHashCodeAs(new ApiKeyRecord("key_1", "n",
        ApiKeyStoreContractTest.hash(7), Set.of(), Set.of(), Optional.empty(), false, NOW));
    assertThat(r.toString()).doesNotContain(r.keyHashHex());
  }

  @Test
  void decidesWhetherAKeyIsActiveAndMayUseAModel() {
    ApiKeyRecord expiring = new ApiKeyRecord("k", "n", ApiKeyStoreContractTest.hash(1), Set.of(Scope.COMPLETE),
        Set.of("gpt-4o"), Optional.of(NOW.plusSeconds(1)), false, NOW);

    assertThat(expiring.activeAt(NOW)).isTrue();
    assertThat(expiring.activeAt(NOW.plusSeconds(1))).isFalse();
    assertThat(expiring.allowsModel("gpt-4o")).isTrue();
    assertThat(expiring.allowsModel("claude")).isFalse();
    assertThat(ApiKeyStoreContractTest.record("k", 1).allowsModel("anything")).isTrue();
    assertThat(new ApiKeyRecord("k", "n", ApiKeyStoreContractTest.hash(1), Set.of(), Set.of(), Optional.empty(),
        true, NOW).activeAt(NOW)).isFalse();
  }

  @Test
  void validatesKeyRecords() {
    assertThatThrownBy(() -> new ApiKeyRecord("a{b}", "n", ApiKeyStoreContractTest.hash(1), Set.of(), Set.of(),
        Optional.empty(), false, NOW)).hasMessage("id: \"a{b}\" (expected: no blanks or braces)");
    assertThatThrownBy(() -> new ApiKeyRecord("k", "n", new byte[31], Set.of(), Set.of(), Optional.empty(), false,
        NOW)).hasMessage("keyHash: 31 bytes (expected: 32)");
    assertThatThrownBy(() -> new ApiKeyRecord("k", "n", ApiKeyStoreContractTest.hash(1), Set.of(),
        Set.of("a\nb"), Optional.empty(), false, NOW)).hasMessage("modelAllowList: \"a\nb\" (expected: a model name)");
  }
}
