package dev.llmgateway.server.resilience;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.telemetry.CallMetrics;
import dev.llmgateway.v1.ErrorClass;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dispatch metrics: attempts per deployment by outcome class (hedges marked), and each deployment's
 * circuit state as a gauge (0 closed, 1 half-open, 2 open). Series are keyed by configured deployments,
 * providers and the closed set of error classes only. Thread-safe.
 */
@Singleton
final class AttemptMetrics {
  private static final AttributeKey<String> DEPLOYMENT = AttributeKey.stringKey("deployment");
  private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("provider");
  private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");
  private static final AttributeKey<Boolean> HEDGE = AttributeKey.booleanKey("hedge");

  private final LongCounter attempts;
  // Attribute sets are built once per series: building one costs more than recording with it.
  private final ConcurrentHashMap<SeriesKey, Attributes> series = new ConcurrentHashMap<>();

  private record SeriesKey(String deployment, String provider, ErrorClass outcome, boolean hedge) {}

  @Inject
  AttemptMetrics(OpenTelemetry openTelemetry, DeploymentGuards guards) {
    Meter meter = openTelemetry.getMeter(CallMetrics.SCOPE);
    attempts = meter.counterBuilder("gateway.deployment.attempts")
        .setDescription("Upstream attempts per deployment, by outcome (ok or the error class) and hedge.")
        .setUnit("{attempt}").build();
    meter.gaugeBuilder("gateway.deployment.circuit.state").ofLongs()
        .setDescription("Circuit breaker state per deployment: 0 closed, 1 half-open, 2 open.")
        .buildWithCallback(m -> {
          for (DeploymentGuard g : guards.all()) {
            m.record(code(g.circuitBreaker().getState()),
                Attributes.of(DEPLOYMENT, g.id(), PROVIDER, g.provider()));
          }
        });
  }

  void attempt(Deployment deployment, ErrorClass outcome, boolean hedge) {
    attempts.add(1, series.computeIfAbsent(new SeriesKey(deployment.id(), deployment.provider(), outcome, hedge),
        AttemptMetrics::attributes));
  }

  private static Attributes attributes(SeriesKey key) {
    String name = key.outcome() == ErrorClass.ERROR_CLASS_UNSPECIFIED ? "ok"
        : key.outcome().name().substring("ERROR_CLASS_".length()).toLowerCase(Locale.ROOT);
    return Attributes.of(DEPLOYMENT, key.deployment(), PROVIDER, key.provider(), OUTCOME, name, HEDGE, key.hedge());
  }

  private static long code(CircuitBreaker.State state) {
    return switch (state) {
      case CLOSED, DISABLED, METRICS_ONLY -> 0;
      case HALF_OPEN -> 1;
      case OPEN, FORCED_OPEN -> 2;
    };
  }
}
