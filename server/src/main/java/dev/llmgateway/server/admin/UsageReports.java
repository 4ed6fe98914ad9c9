package dev.llmgateway.server.admin;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.store.UsageAggregate;
import dev.llmgateway.server.store.UsageStore;
import dev.llmgateway.v1.GetUsageReportRequest;
import dev.llmgateway.v1.GetUsageReportResponse;
import dev.llmgateway.v1.UsageGrouping;
import dev.llmgateway.v1.UsageRow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Builds usage reports from the store's daily aggregates, summed over the groups asked for. */
@Singleton
final class UsageReports {
  private static final Duration MAX_RANGE = Duration.ofDays(400);

  private final UsageStore usage;

  @Inject
  UsageReports(UsageStore usage) {
    this.usage = usage;
  }

  GetUsageReportResponse report(GetUsageReportRequest request) {
    if (!request.hasStartTime() || !request.hasEndTime()) {
      throw AdminCalls.invalid(request.hasStartTime() ? "end_time" : "start_time", "required");
    }
    Instant start = AuditTrail.Timestamps.instant(request.getStartTime(), "start_time");
    Instant end = AuditTrail.Timestamps.instant(request.getEndTime(), "end_time");
    if (!end.isAfter(start)) {
      throw AdminCalls.invalid("end_time", end + " (expected: after start_time " + start + ")");
    }
    if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
      throw AdminCalls.invalid("end_time", "the range is longer than " + MAX_RANGE.toDays() + " days");
    }
    Set<UsageGrouping> groups = EnumSet.noneOf(UsageGrouping.class);
    for (UsageGrouping g : request.getGroupByList()) {
      if (g == UsageGrouping.USAGE_GROUPING_UNSPECIFIED || g == UsageGrouping.UNRECOGNIZED || !groups.add(g)) {
        throw AdminCalls.invalid("group_by", g + " is not a grouping, or is given twice");
      }
    }
    LocalDate first = LocalDate.ofInstant(start, ZoneOffset.UTC);
    LocalDate last = LocalDate.ofInstant(end.minusNanos(1), ZoneOffset.UTC);
    Optional<String> key = request.getKeyId().isEmpty() ? Optional.empty() : Optional.of(request.getKeyId());
    Map<List<String>, long[]> sums = new TreeMap<>(UsageReports::compareKeys);
    for (UsageAggregate a : usage.query(key, first, last)) {
      List<String> group = List.of(
          groups.contains(UsageGrouping.USAGE_GROUPING_KEY) ? a.tenant() : "",
          groups.contains(UsageGrouping.USAGE_GROUPING_MODEL) ? a.model() : "",
          groups.contains(UsageGrouping.USAGE_GROUPING_PROVIDER) ? a.provider() : "",
          groups.contains(UsageGrouping.USAGE_GROUPING_DAY) ? a.day().toString() : "");
      long[] s = sums.computeIfAbsent(group, g -> new long[5]);
      s[0] += a.requests();
      s[1] += a.errors();
      s[2] += a.inputTokens();
      s[3] += a.outputTokens();
      s[4] += a.costMicroUsd();
    }
    List<UsageRow> rows = new ArrayList<>();
    sums.forEach((g, s) -> rows.add(UsageRow.newBuilder().setKeyId(g.get(0)).setModel(g.get(1))
        .setProvider(g.get(2)).setDay(g.get(3)).setRequests(s[0]).setErrors(s[1]).setInputTokens(s[2])
        .setOutputTokens(s[3]).setCostMicroUsd(s[4]).build()));
    return GetUsageReportResponse.newBuilder().addAllRows(rows).build();
  }

  private static int compareKeys(List<String> a, List<String> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }
}
