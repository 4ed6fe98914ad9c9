package dev.llmgateway.server.providers.anthropic;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.FieldViolation;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.http.HttpErrors;
import dev.llmgateway.server.providers.http.Json;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.annotation.Nullable;
import okhttp3.Headers;

/**
 * Classifies Anthropic's failures: error responses ({@code {"type":"error","error":{"type","message"}}}),
 * {@code error} events inside a stream, and answers that break the wire format. Messages are caller-safe:
 * only an invalid request's own message is passed on, summarised. Thread-safe.
 */
final class AnthropicErrors {
  private final String provider;
  private final Clock clock;

  AnthropicErrors(String provider, Clock clock) {
    this.provider = requireNonNull(provider, "provider");
    this.clock = requireNonNull(clock, "clock");
  }

  /** Classifies a non-2xx answer from its status, headers and body (which may be anything). */
  GatewayException fromResponse(int status, Headers headers, byte[] body) {
    JsonNode error = null;
    try {
      JsonNode root = Json.parse(body);
      error = root == null ? null : root.path("error");
    } catch (IOException notJson) {
      // Proxies and load balancers answer with HTML or plain text: the status alone decides.
    }
    return classify(status, error, HttpErrors.retryAfter(headers, clock));
  }

  /** Classifies the {@code error} object of a stream's {@code error} event (the HTTP status was 200). */
  GatewayException fromStreamError(JsonNode error) {
    return classify(0, error, null);
  }

  /** Returns the failure for an answer that does not follow Anthropic's wire format. */
  GatewayException protocolError(String what, @Nullable Throwable cause) {
    return GatewayException.builder(ErrorKind.PROVIDER_PROTOCOL_ERROR, "provider '" + provider + "' " + what)
        .provider(provider).cause(cause).build();
  }

  private GatewayException classify(int status, @Nullable JsonNode error, @Nullable Duration retryAfter) {
    String type = text(error, "type");
    String summary = HttpErrors.summarize(text(error, "message"));
    ErrorKind kind = kindOf(status, type, summary);
    GatewayException.Builder b = GatewayException.builder(kind, message(kind, type, summary))
        .provider(provider).upstreamStatus(status).retryAfter(retryAfter);
    if (kind == ErrorKind.INVALID_REQUEST) {
      // Anthropic names the offending path only inside its message text, so the whole message list is
      // the most precise field the gateway can point at.
      b.violations(List.of(new FieldViolation("messages",
          summary.isEmpty() ? "rejected by provider '" + provider + "'" : summary)));
    }
    return b.build();
  }

  private static ErrorKind kindOf(int status, @Nullable String type, String summary) {
    if (type == null) {
      return status > 0 ? HttpErrors.kindForStatus(status) : ErrorKind.PROVIDER_UNAVAILABLE;
    }
    return switch (type) {
      case "invalid_request_error" ->
          isContextOverflow(summary) ? ErrorKind.CONTEXT_WINDOW_EXCEEDED : ErrorKind.INVALID_REQUEST;
      case "request_too_large" -> ErrorKind.INVALID_REQUEST;
      case "authentication_error", "permission_error", "billing_error" -> ErrorKind.PROVIDER_MISCONFIGURED;
      case "not_found_error" -> ErrorKind.MODEL_NOT_FOUND;
      case "rate_limit_error" -> ErrorKind.PROVIDER_RATE_LIMITED;
      case "api_error", "overloaded_error" -> ErrorKind.PROVIDER_UNAVAILABLE;
      case "timeout_error" -> ErrorKind.PROVIDER_TIMEOUT;
      default -> status > 0 ? HttpErrors.kindForStatus(status) : ErrorKind.PROVIDER_UNAVAILABLE;
    };
  }

  /** Context overflow has no error type of its own: only the message text tells it apart. */
  private static boolean isContextOverflow(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    return m.startsWith("prompt is too long") || m.contains("exceed context limit")
        || m.contains("context window");
  }

  private String message(ErrorKind kind, @Nullable String type, String summary) {
    String p = "provider '" + provider + "'";
    String detail = summary.isEmpty() ? "" : ": " + summary;
    String because = type == null ? "" : " (" + type + ")";
    return switch (kind) {
      case INVALID_REQUEST -> "request_too_large".equals(type)
          ? p + " rejected the request as too large" + detail
          : p + " rejected the request" + detail;
      case CONTEXT_WINDOW_EXCEEDED -> "the prompt does not fit the model's context window" + detail;
      case MODEL_NOT_FOUND -> p + " does not offer the requested model" + detail;
      case PROVIDER_MISCONFIGURED -> p + " refused the gateway's credentials or account" + because;
      case PROVIDER_RATE_LIMITED -> p + " is rate limiting the gateway" + because;
      case PROVIDER_TIMEOUT -> p + " timed out while processing the request" + because;
      default -> p + " failed" + because;
    };
  }

  @Nullable
  private static String text(@Nullable JsonNode node, String field) {
    if (node == null) {
      return null;
    }
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
