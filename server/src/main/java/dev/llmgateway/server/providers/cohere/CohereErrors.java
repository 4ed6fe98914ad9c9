package dev.llmgateway.server.providers.cohere;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.FieldViolation;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.http.HttpErrors;
import dev.llmgateway.server.providers.http.WholeAnswerCall;
import dev.llmgateway.server.providers.http.Json;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import javax.annotation.Nullable;
import okhttp3.Headers;

/**
 * Classifies every failure Cohere reports: error responses ({@code {"id"?, "message"}} bodies with the
 * statuses of Cohere's error reference, including the non-standard 498 and 499), failures announced at
 * the end of a stream, and answers that break the wire format. Messages stay caller-safe: only a
 * rejection of the request itself (400, 422, 498) quotes Cohere's message, summarised. Thread-safe.
 */
final class CohereErrors implements WholeAnswerCall.Classifier {
  /** Error bodies are short; a longer one is cut and then classified by status if it no longer parses. */
  static final long MAX_ERROR_BODY = 64 * 1024;

  private final String provider;
  private final Clock clock;

  CohereErrors(String provider, Clock clock) {
    this.provider = requireNonNull(provider, "provider");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Classifies a non-2xx answer from its status, headers and body (which may be anything).
   *
   * @param field the request field a rejection points at when Cohere names none ({@code messages} for
   *     chat, {@code inputs} for embeddings)
   */
  @Override
  public GatewayException fromResponse(int status, Headers headers, byte[] body, String field) {
    String message = messageOf(body);
    String summary = HttpErrors.summarize(message);
    ErrorKind kind = kindOf(status, summary.toLowerCase(Locale.ROOT));
    GatewayException.Builder b = GatewayException.builder(kind, describe(kind, status, summary))
        .provider(provider)
        .upstreamStatus(status);
    switch (kind) {
      case INVALID_REQUEST, CONTEXT_WINDOW_EXCEEDED, CONTENT_FILTERED -> b.violations(List.of(new FieldViolation(
          isOutputLimit(summary.toLowerCase(Locale.ROOT)) ? "max_output_tokens" : field,
          summary.isEmpty() ? "rejected by provider '" + provider + "'" : summary)));
      case PROVIDER_RATE_LIMITED, PROVIDER_UNAVAILABLE -> b.retryAfter(HttpErrors.retryAfter(headers, clock));
      default -> { }
    }
    return b.build();
  }

  /**
   * Returns the failure for a generation Cohere ended itself with {@code finish_reason} ERROR or TIMEOUT,
   * or with an {@code error} at the end of a stream. Its text is Cohere's internal detail, so it is not
   * passed on.
   */
  GatewayException generationFailed(@Nullable String finishReason) {
    if ("TIMEOUT".equals(finishReason)) {
      return GatewayException.builder(ErrorKind.PROVIDER_TIMEOUT,
          "provider '" + provider + "' timed out while generating the answer (finish reason TIMEOUT)")
          .provider(provider).build();
    }
    String reason = finishReason == null ? "an error" : "finish reason " + finishReason;
    return GatewayException.builder(ErrorKind.PROVIDER_UNAVAILABLE,
        "provider '" + provider + "' failed while generating the answer (" + reason + ")")
        .provider(provider).build();
  }

  /** Returns the error for an answer that breaks the wire format; {@code detail} is ours, never provider text. */
  @Override
  public GatewayException protocolError(String detail, @Nullable Throwable cause) {
    return GatewayException.builder(ErrorKind.PROVIDER_PROTOCOL_ERROR,
            "provider '" + provider + "' sent an unexpected response: " + detail)
        .provider(provider).cause(cause).build();
  }

  /** Returns the error for a stream that ended before {@code message-end}. */
  GatewayException truncated(@Nullable Throwable cause) {
    return GatewayException.builder(ErrorKind.PROVIDER_UNAVAILABLE,
            "provider '" + provider + "' ended the stream before it was complete")
        .provider(provider).cause(cause).build();
  }

  /** Returns the error a cancelled call ends with. */
  @Override
  public GatewayException cancelled(@Nullable Throwable cause) {
    return GatewayException.builder(ErrorKind.CANCELLED, "the call was cancelled")
        .provider(provider).cause(cause).build();
  }

  private static ErrorKind kindOf(int status, String message) {
    return switch (status) {
      // Cohere reports both an oversized prompt and an oversized max_tokens as "too many tokens".
      case 400 -> message.startsWith("too many tokens") && !isOutputLimit(message)
          ? ErrorKind.CONTEXT_WINDOW_EXCEEDED : ErrorKind.INVALID_REQUEST;
      case 401, 402, 403 -> ErrorKind.PROVIDER_MISCONFIGURED;
      case 404 -> ErrorKind.MODEL_NOT_FOUND;
      case 422 -> ErrorKind.INVALID_REQUEST;
      case 429 -> ErrorKind.PROVIDER_RATE_LIMITED;
      // The API reference: "returned when a request or response contains a deny-listed token".
      case 498 -> ErrorKind.CONTENT_FILTERED;
      // "Request cancelled": never our own cancel (we would not read the answer), and Cohere's
      // advice is to try again.
      case 499 -> ErrorKind.PROVIDER_UNAVAILABLE;
      // "The requested feature is not implemented": the same request can never succeed.
      case 501 -> ErrorKind.INVALID_REQUEST;
      case 504 -> ErrorKind.PROVIDER_TIMEOUT;
      default -> HttpErrors.kindForStatus(status);
    };
  }

  private static boolean isOutputLimit(String message) {
    return message.startsWith("too many tokens: max tokens");
  }

  private String describe(ErrorKind kind, int status, String summary) {
    String quoted = summary.isEmpty() ? "" : ": " + summary;
    String p = "provider '" + provider + "'";
    String http = "HTTP " + status;
    return switch (kind) {
      case INVALID_REQUEST -> p + " rejected the request" + quoted;
      case CONTEXT_WINDOW_EXCEEDED -> "the prompt does not fit the model's context window" + quoted;
      case CONTENT_FILTERED -> p + " refused the request or its answer under its content policy (" + http + ")";
      case MODEL_NOT_FOUND -> p + " does not offer the requested model (" + http + ")";
      case PROVIDER_RATE_LIMITED -> p + " is rate limiting the gateway (" + http + ")";
      case PROVIDER_TIMEOUT -> p + " timed out (" + http + ")";
      case PROVIDER_UNAVAILABLE -> p + " is unavailable (" + http + ")";
      // Cohere's 401 and 402 texts describe the account; the operator reads them in the log, not the caller.
      case PROVIDER_MISCONFIGURED -> p + " rejected the gateway's credentials or account (" + http + ")";
      default -> p + " failed (" + http + ")";
    };
  }

  /** Returns the {@code message} (or, in some error schemas, {@code data}) of an error body, or null. */
  @Nullable
  private static String messageOf(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    JsonNode root;
    try {
      root = Json.parse(body);
    } catch (IOException notJson) {
      // Proxies answer with HTML or plain text: the status alone classifies it.
      return null;
    }
    if (root == null || !root.isObject()) {
      return null;
    }
    for (String field : List.of("message", "data")) {
      JsonNode value = root.get(field);
      if (value != null && value.isTextual()) {
        return value.textValue();
      }
    }
    return null;
  }
}
