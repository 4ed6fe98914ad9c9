package dev.llmgateway.server.store.memory;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.store.StoreSettings;
import dev.llmgateway.server.store.UsageAggregate;
import dev.llmgateway.server.store.UsageRecord;
import dev.llmgateway.server.store.UsageStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Keeps daily usage aggregates in this process behind one lock; days older than the retention, counted back
 * from the newest day written, are dropped.
 */
public final class InMemoryUsageStore implements UsageStore {

  private record Series(String model, String provider) {}

  private static final class Tenant {
    final NavigableMap<LocalDate, Map<Series, long[]>> days = new TreeMap<>();
    LocalDate lastDay = LocalDate.MIN;
  }

  private final long retentionDays;
  private final Object lock = new Object();
  private final Map<String, Tenant> tenants = new HashMap<>();
  private LocalDate newestDay = LocalDate.MIN;

  public InMemoryUsageStore(StoreSettings settings) {
    this.retentionDays = requireNonNull(settings, "settings").usageRetentionDays();
  }

  @Override
  public void record(UsageRecord r) {
    requireNonNull(r, "record");
    LocalDate oldestKept = r.day().minusDays(retentionDays);
    synchronized (lock) {
      Tenant tenant = tenants.computeIfAbsent(r.tenant(), t -> new Tenant());
      long[] sums = tenant.days.computeIfAbsent(r.day(), d -> new HashMap<>())
          .computeIfAbsent(new Series(r.model(), r.provider()), s -> new long[6]);
      sums[0] += r.requests();
      sums[1] += r.errors();
      sums[2] += r.inputTokens();
      sums[3] += r.outputTokens();
      sums[4] += r.costMicroUsd();
      sums[5] += r.latencyMsSum();
      if (r.day().isAfter(tenant.lastDay)) {
        tenant.lastDay = r.day();
      }
      tenant.days.headMap(oldestKept, false).clear();
      // Tenants idle past the retention only need looking at when the newest day moves on.
      if (r.day().isAfter(newestDay)) {
        newestDay = r.day();
        tenants.values().removeIf(t -> t.lastDay.isBefore(oldestKept));
      }
    }
  }

  @Override
  public List<UsageAggregate> query(Optional<String> tenant, LocalDate from, LocalDate to) {
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("from: " + from + " (expected: not after to " + to + ")");
    }
    List<UsageAggregate> result = new ArrayList<>();
    synchronized (lock) {
      for (Map.Entry<String, Tenant> t : tenants.entrySet()) {
        if (tenant.isPresent() && !tenant.get().equals(t.getKey())) {
          continue;
        }
        NavigableMap<LocalDate, Map<Series, long[]>> inRange = t.getValue().days.subMap(from, true, to, true);
        for (Map.Entry<LocalDate, Map<Series, long[]>> day : inRange.entrySet()) {
          for (Map.Entry<Series, long[]> series : day.getValue().entrySet()) {
            long[] s = series.getValue();
            result.add(new UsageAggregate(t.getKey(), series.getKey().model(), series.getKey().provider(),
                day.getKey(), s[0], s[1], s[2], s[3], s[4], s[5]));
          }
        }
      }
    }
    result.sort(UsageAggregate.REPORT_ORDER);
    return result;
  }
}
