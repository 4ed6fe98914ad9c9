/**
 * Per-deployment protection of upstream calls, built on resilience4j: a circuit breaker, a client-side
 * rate limiter and a retry policy for every deployment, the balancing strategies that order a model's
 * deployments, the classification of failures into error classes, call budgets, and the attempt report.
 * Depends on {@code providers}, {@code config}, {@code errors} and {@code telemetry}; never on
 * {@code io.grpc}, {@code routing} or {@code api}. Values are non-null unless {@code @Nullable}.
 */
package dev.llmgateway.server.resilience;
