/**
 * Traces, metrics and the access log: {@link dev.llmgateway.server.telemetry.TelemetryModule} builds the
 * one OpenTelemetry SDK (OTLP export when an endpoint is configured, a Prometheus scrape endpoint started
 * by {@link dev.llmgateway.server.telemetry.TelemetryLifecycle}, W3C trace context), and everything else
 * injects {@code OpenTelemetry}, so tests swap in in-memory exporters with one override.
 * {@link dev.llmgateway.server.telemetry.CallMetrics} and {@link dev.llmgateway.server.telemetry.AccessLog}
 * record one {@link dev.llmgateway.server.telemetry.CallOutcome} per call. Nothing here records a
 * credential, and prompt or completion text reaches a span only when record-content is on. No
 * {@code io.grpc} imports and no static mutable state. Values are non-null unless {@code @Nullable}.
 */
package dev.llmgateway.server.telemetry;
