package dev.llmgateway.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.testing.InMemoryTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What {@link CallMetrics} records, read back through an in-memory metric reader. */
class CallMetricsTest {
  private static final Attributes CALL = Attributes.of(
      GatewayAttributes.RPC_METHOD, "CompleteStream",
      GenAiAttributes.REQUEST_MODEL, "gpt-4o",
      GenAiAttributes.PROVIDER_NAME, "openai",
      GatewayAttributes.KEY_ID, "team-a",
      GatewayAttributes.RPC_STATUS, "OK");

  private final InMemoryTelemetry telemetry = new InMemoryTelemetry();
  private final CallMetrics metrics = new CallMetrics(telemetry.sdk());

  @AfterEach
  void closeTelemetry() {
    telemetry.close();
  }

  private static CallOutcome.Builder streamedCall() {
    return CallOutcome.builder("req-1", "CompleteStream").model("gpt-4o").provider("openai").keyId("team-a")
        .durationNanos(2_500_000_000L).upstreamNanos(2_400_000_000L).timeToFirstTokenNanos(300_000_000L)
        .tokens(120, 40, 100).finishReason("stop");
  }

  @Test
  void countsTheCallWithMethodModelProviderKeyAndStatus() {
    metrics.record(streamedCall().build());
    metrics.record(streamedCall().build());

    LongPointData point = onlyLongPoint(collect().get("gateway.requests"));
    assertThat(point.getAttributes()).isEqualTo(CALL);
    assertThat(point.getValue()).isEqualTo(2);
  }

  @Test
  void keepsCallsThatDifferInAnyAttributeApart() {
    metrics.record(streamedCall().build());
    metrics.record(streamedCall().status("UNAVAILABLE").build());
    metrics.record(streamedCall().keyId("team-b").build());

    Map<String, Long> byKeyAndStatus = collect().get("gateway.requests").getLongSumData().getPoints().stream()
        .collect(Collectors.toMap(p -> p.getAttributes().get(GatewayAttributes.KEY_ID) + "/"
            + p.getAttributes().get(GatewayAttributes.RPC_STATUS), LongPointData::getValue));
    assertThat(byKeyAndStatus).containsExactlyInAnyOrderEntriesOf(
        Map.of("team-a/OK", 1L, "team-a/UNAVAILABLE", 1L, "team-b/OK", 1L));
  }

  @Test
  void recordsDurationUpstreamOverheadAndFirstTokenInSeconds() {
    metrics.record(streamedCall().build());

    Map<String, MetricData> recorded = collect();
    assertThat(recorded.get("gateway.request.duration").getUnit()).isEqualTo("s");
    assertThat(onlyHistogramPoint(recorded.get("gateway.request.duration")).getSum()).isEqualTo(2.5);
    assertThat(onlyHistogramPoint(recorded.get("gateway.upstream.duration")).getSum()).isEqualTo(2.4);
    assertThat(onlyHistogramPoint(recorded.get("gateway.overhead")).getSum()).isCloseTo(0.1, within());
    HistogramPointData firstToken = onlyHistogramPoint(recorded.get("gateway.time_to_first_token"));
    assertThat(firstToken.getSum()).isEqualTo(0.3);
    assertThat(firstToken.getAttributes()).isEqualTo(CALL);
  }

  @Test
  void countsTokensByType() {
    metrics.record(streamedCall().build());

    Map<String, Long> byType = collect().get("gateway.tokens").getLongSumData().getPoints().stream()
        .collect(Collectors.toMap(p -> p.getAttributes().get(GenAiAttributes.TOKEN_TYPE), LongPointData::getValue));
    assertThat(byType).containsExactlyInAnyOrderEntriesOf(Map.of("input", 120L, "output", 40L, "cached", 100L));
    LongPointData input = collect().get("gateway.tokens").getLongSumData().getPoints().iterator().next();
    assertThat(input.getAttributes().get(GatewayAttributes.KEY_ID)).isEqualTo("team-a");
    assertThat(input.getAttributes().get(GenAiAttributes.PROVIDER_NAME)).isEqualTo("openai");
    assertThat(input.getAttributes().get(GenAiAttributes.REQUEST_MODEL)).isEqualTo("gpt-4o");
  }

  @Test
  void rejectedCallHasNoFirstTokenUpstreamTimeOrTokens() {
    metrics.record(CallOutcome.builder("req-2", "Complete").keyId("team-a").status("RESOURCE_EXHAUSTED")
        .durationNanos(1_000_000).build());

    Map<String, MetricData> recorded = collect();
    assertThat(recorded).doesNotContainKeys("gateway.time_to_first_token", "gateway.upstream.duration", "gateway.tokens");
    assertThat(onlyLongPoint(recorded.get("gateway.requests")).getAttributes().get(GatewayAttributes.RPC_STATUS))
        .isEqualTo("RESOURCE_EXHAUSTED");
    assertThat(onlyHistogramPoint(recorded.get("gateway.overhead")).getSum()).isEqualTo(0.001);
  }

  @Test
  void countsQuotaRejectionsByKeyAndLimit() {
    metrics.recordQuotaRejection("team-a", "requests-per-minute");

    LongPointData point = onlyLongPoint(collect().get("gateway.quota.rejections"));
    assertThat(point.getAttributes()).isEqualTo(Attributes.of(
        GatewayAttributes.KEY_ID, "team-a", GatewayAttributes.QUOTA_LIMIT, "requests-per-minute"));
    assertThat(point.getValue()).isEqualTo(1);
  }

  private Map<String, MetricData> collect() {
    Collection<MetricData> all = telemetry.metrics().collectAllMetrics();
    return all.stream().collect(Collectors.toMap(MetricData::getName, Function.identity()));
  }

  private static LongPointData onlyLongPoint(MetricData metric) {
    List<LongPointData> points = List.copyOf(metric.getLongSumData().getPoints());
    assertThat(points).hasSize(1);
    return points.get(0);
  }

  private static HistogramPointData onlyHistogramPoint(MetricData metric) {
    List<HistogramPointData> points = List.copyOf(metric.getHistogramData().getPoints());
    assertThat(points).hasSize(1);
    assertThat(points.get(0).getCount()).isEqualTo(1);
    return points.get(0);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
