package dev.llmgateway.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link AuditStore} shares; each implementation runs it through a subclass. */
public abstract class AuditStoreContractTest {
  protected static final Instant T0 = Instant.parse("2024-05-01T12:00:00.123Z");
  private static final Instant FOREVER = Instant.parse("9999-01-01T00:00:00Z");

  protected AuditStore store;

  /** Returns a store of the implementation under test, empty. */
  protected abstract AuditStore newStore();

  @BeforeEach
  void createStore() {
    store = newStore();
  }

  @Test
  void assignsIncreasingIdsAndKeepsEveryField() {
    AuditEvent first = store.append(event(T0, "CreateApiKey", "api_key/a"));
    AuditEvent second = store.append(new AuditEvent(0, T0.plusMillis(5), "admin", "UpdateApiKey", "api_key/a",
        "{\"name\":\"x\"}", "{\"name\":\"y\"}\nline two"));

    assertThat(second.id()).isGreaterThan(first.id());
    assertThat(first.id()).isPositive();
    assertThat(store.list(Instant.EPOCH, FOREVER, AuditCursor.START, 10)).containsExactly(first, second);
  }

  @Test
  void listsATimeRangeStartInclusiveEndExclusiveInTimeOrder() {
    AuditEvent late = store.append(event(T0.plusSeconds(20), "c", "t"));
    AuditEvent early = store.append(event(T0, "a", "t"));
    AuditEvent middle = store.append(event(T0.plusSeconds(10), "b", "t"));

    assertThat(store.list(T0, T0.plusSeconds(20), AuditCursor.START, 10)).containsExactly(early, middle);
    assertThat(store.list(T0.plusMillis(1), FOREVER, AuditCursor.START, 10)).containsExactly(middle, late);
    assertThat(store.list(T0.plusSeconds(30), FOREVER, AuditCursor.START, 10)).isEmpty();
  }

  @Test
  void pagesThroughEventsWithEqualTimesWithoutLossOrRepeat() {
    List<AuditEvent> appended = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      appended.add(store.append(event(i < 5 ? T0 : T0.plusMillis(1), "e" + i, "t")));
    }
    List<AuditEvent> seen = new ArrayList<>();
    AuditCursor cursor = AuditCursor.START;
    for (int page = 0; page < 10; page++) {
      List<AuditEvent> events = store.list(Instant.EPOCH, FOREVER, cursor, 2);
      if (events.isEmpty()) {
        break;
      }
      assertThat(events).hasSizeLessThanOrEqualTo(2);
      seen.addAll(events);
      cursor = AuditCursor.after(events.get(events.size() - 1));
    }

    assertThat(seen).containsExactlyElementsOf(appended);
  }

  @Test
  void rejectsANonPositiveLimit() {
    assertThatThrownBy(() -> store.list(Instant.EPOCH, FOREVER, AuditCursor.START, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("limit: 0 (expected: > 0)");
  }

  private static AuditEvent event(Instant time, String action, String target) {
    return new AuditEvent(0, time, "admin", action, target, "", "{}");
  }
}
