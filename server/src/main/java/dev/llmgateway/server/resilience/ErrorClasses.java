package dev.llmgateway.server.resilience;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.v1.ErrorClass;

/** Sorts failures into the error classes that decide between retrying, falling back and stopping. */
public final class ErrorClasses {
  /** ErrorInfo metadata key marking a failure the gateway raised without sending a request. */
  static final String SKIPPED = "skipped";

  private ErrorClasses() {}

  /** Returns the class of {@code error}. */
  public static ErrorClass of(GatewayException error) {
    String skipped = error.metadata().get(SKIPPED);
    if (skipped != null) {
      return "circuit-open".equals(skipped) ? ErrorClass.ERROR_CLASS_CIRCUIT_OPEN : ErrorClass.ERROR_CLASS_THROTTLED;
    }
    return of(error.kind());
  }

  /** Returns the class of a failure of {@code kind} that the gateway did not raise itself. */
  public static ErrorClass of(ErrorKind kind) {
    return switch (kind) {
      case PROVIDER_RATE_LIMITED -> ErrorClass.ERROR_CLASS_RATE_LIMITED;
      case PROVIDER_UNAVAILABLE -> ErrorClass.ERROR_CLASS_UNAVAILABLE;
      case PROVIDER_TIMEOUT, DEADLINE_EXCEEDED -> ErrorClass.ERROR_CLASS_TIMEOUT;
      case CONTEXT_WINDOW_EXCEEDED -> ErrorClass.ERROR_CLASS_CONTEXT_WINDOW_EXCEEDED;
      case INVALID_REQUEST -> ErrorClass.ERROR_CLASS_INVALID_REQUEST;
      case PROVIDER_MISCONFIGURED -> ErrorClass.ERROR_CLASS_AUTH;
      case CONTENT_FILTERED -> ErrorClass.ERROR_CLASS_CONTENT_FILTERED;
      case CANCELLED -> ErrorClass.ERROR_CLASS_CANCELLED;
      default -> ErrorClass.ERROR_CLASS_OTHER;
    };
  }

  /** Returns whether {@code error} stands for a deployment skipped without a request (circuit open, throttled). */
  public static boolean skipped(GatewayException error) {
    return error.metadata().containsKey(SKIPPED);
  }

  /** Returns whether the same deployment may be tried again after {@code error} (429, 408, 5xx, I/O). */
  static boolean retryable(Throwable error) {
    return error instanceof GatewayException e && e.metadata().get(SKIPPED) == null && switch (e.kind()) {
      case PROVIDER_RATE_LIMITED, PROVIDER_UNAVAILABLE, PROVIDER_TIMEOUT -> true;
      default -> false;
    };
  }

  /** Returns whether {@code error} says the deployment is unhealthy (counted by its circuit breaker). */
  static boolean unhealthy(Throwable error) {
    return error instanceof GatewayException e && switch (e.kind()) {
      case PROVIDER_UNAVAILABLE, PROVIDER_TIMEOUT, PROVIDER_PROTOCOL_ERROR -> true;
      default -> false;
    };
  }

  /** Returns whether {@code error} says nothing about the deployment's health (cancelled, or throttled by it). */
  static boolean neutral(Throwable error) {
    return error instanceof GatewayException e && switch (e.kind()) {
      case CANCELLED, DEADLINE_EXCEEDED, PROVIDER_RATE_LIMITED -> true;
      default -> false;
    };
  }

  /** Returns a failure for a deployment skipped without a request: its circuit is open, or it is throttled. */
  static GatewayException skipped(Deployment d, boolean circuitOpen) {
    return GatewayException.builder(ErrorKind.PROVIDER_UNAVAILABLE, circuitOpen
            ? "deployment '" + d.id() + "' is out of rotation (circuit open)"
            : "deployment '" + d.id() + "' reached the gateway's request rate limit for it")
        .provider(d.provider()).metadata(SKIPPED, circuitOpen ? "circuit-open" : "throttled").build();
  }
}
