package dev.llmgateway.server.telemetry;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's call metrics. Every series is keyed by values from bounded sets only (methods,
 * catalogue models, configured providers, key ids, status codes), never by free text from a request.
 * The attribute sets of each series are built once and reused: building one costs several times
 * more than recording with it. Thread-safe.
 */
@Singleton
public final class CallMetrics {
  /** The instrumentation scope of everything the gateway records. */
  public static final String SCOPE = "dev.llmgateway.server";

  // From the GenAI operation-duration advice: 10ms doubling up to about 80s.
  private static final List<Double> CALL_BUCKETS =
      List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);
  // From the GenAI time-to-first-token advice.
  private static final List<Double> FIRST_TOKEN_BUCKETS =
      List.of(0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);
  // Our own share of a call should stay in the sub-millisecond to millisecond range.
  private static final List<Double> OVERHEAD_BUCKETS =
      List.of(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0);
  private static final double NANOS_PER_SECOND = 1e9;
  // The SDK keeps 2000 series per instrument by default; beyond that sets are built per call.
  private static final int MAX_CACHED_SERIES = 2048;

  private final LongCounter requests;
  private final DoubleHistogram duration;
  private final DoubleHistogram timeToFirstToken;
  private final LongCounter tokens;
  private final LongCounter quotaRejections;
  private final DoubleHistogram overhead;
  private final DoubleHistogram upstreamDuration;
  private final ConcurrentHashMap<SeriesKey, Series> series = new ConcurrentHashMap<>();

  @Inject
  CallMetrics(OpenTelemetry openTelemetry) {
    Meter meter = openTelemetry.getMeter(SCOPE);
    requests = meter.counterBuilder("gateway.requests")
        .setDescription("Calls finished, by method, model, provider, key and status.")
        .setUnit("{request}").build();
    duration = meter.histogramBuilder("gateway.request.duration")
        .setDescription("Whole call time, from the first interceptor to the status.")
        .setUnit("s").setExplicitBucketBoundariesAdvice(CALL_BUCKETS).build();
    timeToFirstToken = meter.histogramBuilder("gateway.time_to_first_token")
        .setDescription("Time from the start of a streamed call to its first token.")
        .setUnit("s").setExplicitBucketBoundariesAdvice(FIRST_TOKEN_BUCKETS).build();
    tokens = meter.counterBuilder("gateway.tokens")
        .setDescription("Tokens billed by providers; cached is the part of input read from a prompt cache.")
        .setUnit("{token}").build();
    quotaRejections = meter.counterBuilder("gateway.quota.rejections")
        .setDescription("Calls refused because a key used up a quota limit.")
        .setUnit("{request}").build();
    overhead = meter.histogramBuilder("gateway.overhead")
        .setDescription("Call time not spent waiting on the provider: the gateway's own cost.")
        .setUnit("s").setExplicitBucketBoundariesAdvice(OVERHEAD_BUCKETS).build();
    upstreamDuration = meter.histogramBuilder("gateway.upstream.duration")
        .setDescription("Time spent waiting on the provider for one call.")
        .setUnit("s").setExplicitBucketBoundariesAdvice(CALL_BUCKETS).build();
  }

  /** Records a finished call: count, durations, time to first token (if any) and tokens (if any). */
  public void record(CallOutcome call) {
    Series attributes = seriesOf(call);
    requests.add(1, attributes.call);
    duration.record(call.durationNanos() / NANOS_PER_SECOND, attributes.call);
    overhead.record(call.overheadNanos() / NANOS_PER_SECOND, attributes.call);
    if (call.upstreamNanos() > 0) {
      upstreamDuration.record(call.upstreamNanos() / NANOS_PER_SECOND, attributes.call);
    }
    if (call.timeToFirstTokenNanos() >= 0) {
      timeToFirstToken.record(call.timeToFirstTokenNanos() / NANOS_PER_SECOND, attributes.call);
    }
    if (call.inputTokens() > 0) {
      tokens.add(call.inputTokens(), attributes.inputTokens);
    }
    if (call.outputTokens() > 0) {
      tokens.add(call.outputTokens(), attributes.outputTokens);
    }
    if (call.cachedInputTokens() > 0) {
      tokens.add(call.cachedInputTokens(), attributes.cachedTokens);
    }
  }

  /** Records a call refused by quota {@code limit} (for example {@code requests-per-minute}) for key {@code keyId}. */
  public void recordQuotaRejection(String keyId, String limit) {
    quotaRejections.add(1, Attributes.of(GatewayAttributes.KEY_ID, keyId, GatewayAttributes.QUOTA_LIMIT, limit));
  }

  private Series seriesOf(CallOutcome call) {
    SeriesKey key = new SeriesKey(call.method(), call.model(), call.provider(), call.keyId(), call.status());
    Series cached = series.get(key);
    if (cached != null) {
      return cached;
    }
    Series built = new Series(key);
    if (series.size() < MAX_CACHED_SERIES) {
      Series raced = series.putIfAbsent(key, built);
      return raced != null ? raced : built;
    }
    return built;
  }

  private record SeriesKey(String method, String model, String provider, String keyId, String status) {}

  /** The attribute sets of one series: the call's, and its token counts' by type. */
  private static final class Series {
    final Attributes call;
    final Attributes inputTokens;
    final Attributes outputTokens;
    final Attributes cachedTokens;

    Series(SeriesKey key) {
      call = Attributes.of(
          GatewayAttributes.RPC_METHOD, key.method(),
          GenAiAttributes.REQUEST_MODEL, key.model(),
          GenAiAttributes.PROVIDER_NAME, key.provider(),
          GatewayAttributes.KEY_ID, key.keyId(),
          GatewayAttributes.RPC_STATUS, key.status());
      inputTokens = tokens(key, GenAiAttributes.TOKEN_TYPE_INPUT);
      outputTokens = tokens(key, GenAiAttributes.TOKEN_TYPE_OUTPUT);
      cachedTokens = tokens(key, GenAiAttributes.TOKEN_TYPE_CACHED);
    }

    private static Attributes tokens(SeriesKey key, String type) {
      return Attributes.of(
          GenAiAttributes.REQUEST_MODEL, key.model(),
          GenAiAttributes.PROVIDER_NAME, key.provider(),
          GatewayAttributes.KEY_ID, key.keyId(),
          GenAiAttributes.TOKEN_TYPE, type);
    }
  }
}
