package dev.llmgateway.server.providers.gemini;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.FieldViolation;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.http.HttpErrors;
import dev.llmgateway.server.providers.http.WholeAnswerCall;
import dev.llmgateway.server.providers.http.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.annotation.Nullable;
import okhttp3.Headers;

/**
 * Classifies Gemini's failures: error responses in the {@code google.rpc.Status} shape
 * ({@code {"error": {"code", "message", "status", "details": [...]}}}), the same object inside a stream,
 * prompts the safety filters blocked, and answers that break the wire format. The canonical
 * {@code status} decides, refined by the {@code ErrorInfo} reason (an invalid API key is a 400
 * INVALID_ARGUMENT whose reason alone tells it apart) and by the message for context overflow. Messages
 * are caller-safe: only an invalid request's own message is passed on, summarised. Thread-safe.
 */
final class GeminiErrors implements WholeAnswerCall.Classifier {
  private static final String ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";
  private static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";
  private static final String BAD_REQUEST = "type.googleapis.com/google.rpc.BadRequest";

  /** Longer waits than a day are no hint a caller can use; such a value is treated as absent. */
  private static final BigDecimal MAX_RETRY_SECONDS = BigDecimal.valueOf(86_400);
  private static final BigDecimal ONE_MILLI = new BigDecimal("0.001");

  private final String provider;
  private final Clock clock;

  GeminiErrors(String provider, Clock clock) {
    this.provider = requireNonNull(provider, "provider");
    this.clock = requireNonNull(clock, "clock");
  }

  /** Classifies a non-2xx answer from its status, headers and body (which may be anything). */
  /** Returns the error a non-2xx response stands for; Gemini's body names the violated field itself. */
  @Override
  public GatewayException fromResponse(int status, Headers headers, byte[] body, String field) {
    return fromResponse(status, headers, body);
  }

  GatewayException fromResponse(int status, Headers headers, byte[] body) {
    JsonNode error = null;
    try {
      JsonNode root = body.length == 0 ? null : Json.parse(body);
      error = root == null ? null : root.get("error");
    } catch (IOException notJson) {
      // Google's front end and proxies answer some failures with HTML: the status alone decides.
    }
    return classify(status, error, headers);
  }

  /** Classifies the {@code error} object of a stream event (the HTTP status was already 200). */
  GatewayException fromStreamError(JsonNode error) {
    return classify(0, error, Headers.EMPTY);
  }

  /** Returns the failure for a prompt Gemini's filters refused ({@code promptFeedback.blockReason}). */
  GatewayException promptBlocked(String blockReason) {
    return GatewayException.builder(ErrorKind.CONTENT_FILTERED,
            "provider '" + provider + "' refused the prompt under its content policy (" + blockReason + ")")
        .provider(provider)
        .violations(List.of(new FieldViolation("messages", "blocked by provider '" + provider + "' ("
            + blockReason + ")")))
        .build();
  }

  /** Returns the failure for an answer that does not follow Gemini's wire format. */
  @Override
  public GatewayException protocolError(String what, @Nullable Throwable cause) {
    return GatewayException.builder(ErrorKind.PROVIDER_PROTOCOL_ERROR, "provider '" + provider + "' " + what)
        .provider(provider).cause(cause).build();
  }

  /** Returns the failure for a stream whose body ended before any event carried a finish reason. */
  GatewayException truncated(@Nullable Throwable cause) {
    return GatewayException.builder(ErrorKind.PROVIDER_UNAVAILABLE,
            "provider '" + provider + "' ended the stream before the answer was complete")
        .provider(provider).cause(cause).build();
  }

  /** Returns the failure a call cancelled by the caller ends with. */
  @Override
  public GatewayException cancelled(@Nullable Throwable cause) {
    return GatewayException.builder(ErrorKind.CANCELLED, "the call was cancelled").provider(provider).cause(cause)
        .build();
  }

  private GatewayException classify(int httpStatus, @Nullable JsonNode error, Headers headers) {
    String status = text(error, "status");
    int code = httpStatus > 0 ? httpStatus : error == null ? 0 : error.path("code").asInt(0);
    String reason = errorInfoReason(error);
    String summary = HttpErrors.summarize(text(error, "message"));
    ErrorKind kind = kindOf(code, status, reason, summary);
    GatewayException.Builder b = GatewayException.builder(kind, message(kind, code, status, reason, summary))
        .provider(provider).upstreamStatus(httpStatus);
    switch (kind) {
      case INVALID_REQUEST, CONTEXT_WINDOW_EXCEEDED -> b.violations(List.of(new FieldViolation(
          GeminiFieldNames.toContract(badRequestField(error)),
          summary.isEmpty() ? "rejected by provider '" + provider + "'" : summary)));
      case PROVIDER_RATE_LIMITED, PROVIDER_UNAVAILABLE -> {
        // Gemini states the wait in the body (RetryInfo), not in a header; a proxy may add the header.
        Duration delay = retryDelay(detail(error, RETRY_INFO));
        b.retryAfter(delay != null ? delay : HttpErrors.retryAfter(headers, clock));
      }
      default -> { }
    }
    return b.build();
  }

  private static ErrorKind kindOf(int code, @Nullable String status, @Nullable String reason, String summary) {
    if (reason != null && (reason.startsWith("API_KEY_") || reason.equals("SERVICE_DISABLED")
        || reason.equals("CONSUMER_SUSPENDED") || reason.equals("BILLING_DISABLED"))) {
      // Our key or project, whatever the status says (a bad key is a 400 INVALID_ARGUMENT).
      return ErrorKind.PROVIDER_MISCONFIGURED;
    }
    if (status == null) {
      return code > 0 ? HttpErrors.kindForStatus(code) : ErrorKind.PROVIDER_UNAVAILABLE;
    }
    return switch (status) {
      case "INVALID_ARGUMENT", "OUT_OF_RANGE" ->
          isContextOverflow(summary) ? ErrorKind.CONTEXT_WINDOW_EXCEEDED : ErrorKind.INVALID_REQUEST;
      // Google documents FAILED_PRECONDITION as "free tier not available in your country, enable
      // billing": the account, not the request, is at fault.
      case "FAILED_PRECONDITION", "UNAUTHENTICATED", "PERMISSION_DENIED" -> ErrorKind.PROVIDER_MISCONFIGURED;
      case "NOT_FOUND" -> ErrorKind.MODEL_NOT_FOUND;
      // 402 RESOURCE_EXHAUSTED is an exhausted prepaid balance: billing, which no retry fixes.
      case "RESOURCE_EXHAUSTED" -> code == 402 ? ErrorKind.PROVIDER_MISCONFIGURED : ErrorKind.PROVIDER_RATE_LIMITED;
      case "DEADLINE_EXCEEDED" -> ErrorKind.PROVIDER_TIMEOUT;
      case "UNAVAILABLE", "INTERNAL", "UNKNOWN", "ABORTED", "DATA_LOSS", "CANCELLED" -> ErrorKind.PROVIDER_UNAVAILABLE;
      case "UNIMPLEMENTED" -> ErrorKind.INVALID_REQUEST;
      default -> code > 0 ? HttpErrors.kindForStatus(code) : ErrorKind.PROVIDER_UNAVAILABLE;
    };
  }

  /** Tells context overflow apart by the message, as it has no status or reason of its own. */
  private static boolean isContextOverflow(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    return (m.contains("input token count") && m.contains("exceeds"))
        || m.contains("exceeds the maximum number of tokens") || m.contains("context window");
  }

  private String message(ErrorKind kind, int code, @Nullable String status, @Nullable String reason,
      String summary) {
    String p = "provider '" + provider + "'";
    String detail = summary.isEmpty() ? "" : ": " + summary;
    String what = code > 0 ? "HTTP " + code : "error event in the stream";
    String because = " (" + what + (status == null ? "" : ", " + status) + (reason == null ? "" : ", " + reason) + ")";
    return switch (kind) {
      case INVALID_REQUEST -> p + " rejected the request" + detail;
      case CONTEXT_WINDOW_EXCEEDED -> "the prompt does not fit the model's context window" + detail;
      case MODEL_NOT_FOUND -> p + " does not offer the requested model" + because;
      // The provider's text may describe the key or project: only status and reason go out.
      case PROVIDER_MISCONFIGURED -> p + " refused the gateway's credentials or account" + because;
      case PROVIDER_RATE_LIMITED -> p + " is rate limiting the gateway" + because;
      case PROVIDER_TIMEOUT -> p + " timed out while processing the request" + because;
      default -> p + " failed" + because;
    };
  }

  /**
   * Returns RetryInfo's {@code retryDelay}, a protobuf Duration in JSON form ({@code "7s"},
   * {@code "0.5s"}), rounded up to whole milliseconds; null when absent or malformed.
   */
  @Nullable
  static Duration retryDelay(@Nullable JsonNode retryInfo) {
    String value = text(retryInfo, "retryDelay");
    if (value == null || !value.endsWith("s")) {
      return null;
    }
    try {
      BigDecimal seconds = new BigDecimal(value.substring(0, value.length() - 1));
      // Compared before any scaling: an exponent such as 1e400000000 must not build a 400-million-digit number.
      if (seconds.signum() < 0 || seconds.compareTo(MAX_RETRY_SECONDS) > 0) {
        return null;
      }
      if (seconds.compareTo(ONE_MILLI) < 0) {
        return seconds.signum() == 0 ? Duration.ZERO : Duration.ofMillis(1);
      }
      return Duration.ofMillis(seconds.movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact());
    } catch (NumberFormatException | ArithmeticException malformed) {
      // A hint we cannot read is no hint: the caller falls back to the header, then to its own backoff.
      return null;
    }
  }

  @Nullable
  private static String errorInfoReason(@Nullable JsonNode error) {
    JsonNode info = detail(error, ERROR_INFO);
    return info == null ? null : text(info, "reason");
  }

  @Nullable
  private static String badRequestField(@Nullable JsonNode error) {
    JsonNode badRequest = detail(error, BAD_REQUEST);
    JsonNode violations = badRequest == null ? null : badRequest.get("fieldViolations");
    return violations != null && violations.isArray() && !violations.isEmpty()
        ? text(violations.get(0), "field") : null;
  }

  @Nullable
  private static JsonNode detail(@Nullable JsonNode error, String type) {
    JsonNode details = error == null ? null : error.get("details");
    if (details == null || !details.isArray()) {
      return null;
    }
    for (JsonNode d : details) {
      if (type.equals(text(d, "@type"))) {
        return d;
      }
    }
    return null;
  }

  @Nullable
  static String text(@Nullable JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
