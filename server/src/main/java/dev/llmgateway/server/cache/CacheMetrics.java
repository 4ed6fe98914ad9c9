package dev.llmgateway.server.cache;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.telemetry.CallMetrics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;

/**
 * The response cache's metrics: {@code gateway.cache.hits}, {@code gateway.cache.misses} (by method and
 * model; Embed counts inputs), {@code gateway.cache.bytes} (by direction: read, written) and
 * {@code gateway.cache.errors} (by reason: unavailable, dropped, corrupt). Thread-safe.
 */
@Singleton
final class CacheMetrics {
  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("rpc.method");
  private static final AttributeKey<String> MODEL = AttributeKey.stringKey("gen_ai.request.model");
  private static final AttributeKey<String> DIRECTION = AttributeKey.stringKey("direction");
  private static final AttributeKey<String> REASON = AttributeKey.stringKey("reason");
  private static final Attributes READ = Attributes.of(DIRECTION, "read");
  private static final Attributes WRITTEN = Attributes.of(DIRECTION, "written");

  private final LongCounter hits;
  private final LongCounter misses;
  private final LongCounter bytes;
  private final LongCounter errors;

  @Inject
  CacheMetrics(OpenTelemetry openTelemetry) {
    Meter meter = openTelemetry.getMeter(CallMetrics.SCOPE);
    hits = meter.counterBuilder("gateway.cache.hits")
        .setDescription("Answers (Embed: inputs) served from the response cache.").setUnit("{answer}").build();
    misses = meter.counterBuilder("gateway.cache.misses")
        .setDescription("Lookups (Embed: inputs) the response cache could not answer.").setUnit("{answer}").build();
    bytes = meter.counterBuilder("gateway.cache.bytes")
        .setDescription("Bytes read from and written to the response cache.").setUnit("By").build();
    errors = meter.counterBuilder("gateway.cache.errors")
        .setDescription("Response cache operations skipped: backend unavailable, write queue full, corrupt entry.")
        .setUnit("{operation}").build();
  }

  void hits(String method, String model, long n) {
    if (n > 0) {
      hits.add(n, Attributes.of(METHOD, method, MODEL, model));
    }
  }

  void misses(String method, String model, long n) {
    if (n > 0) {
      misses.add(n, Attributes.of(METHOD, method, MODEL, model));
    }
  }

  void bytesRead(long n) {
    bytes.add(n, READ);
  }

  void bytesWritten(long n) {
    bytes.add(n, WRITTEN);
  }

  void error(String reason) {
    errors.add(1, Attributes.of(REASON, reason));
  }
}
