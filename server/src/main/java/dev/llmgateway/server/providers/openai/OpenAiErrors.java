package dev.llmgateway.server.providers.openai;

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
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;
import okhttp3.Headers;
import okhttp3.Response;

/**
 * Classifies every failure an OpenAI-compatible server reports, for all provider types of this package:
 * error responses (status, headers and a body in any shape {@link OpenAiErrorBody} reads), error events
 * inside a stream, and answers that break the wire format. Messages stay caller-safe: only a 4xx
 * rejection of the request quotes the provider's message, summarised; credentials echoed in a 401 body
 * never leave this class, and content-filter verdicts are reported by category name only.
 */
final class OpenAiErrors {
  /** Error bodies are short; a longer one is cut and then classified by status if it no longer parses. */
  private static final long MAX_ERROR_BODY = 64 * 1024;

  /**
   * Codes meaning a content policy refused the request: Azure's prompt filter ({@code content_filter}, and
   * {@code contentFilter} on its image API), OpenAI's image safety system ({@code content_policy_violation},
   * and {@code moderation_blocked} for GPT image models).
   */
  private static final Set<String> CONTENT_POLICY_CODES =
      Set.of("content_filter", "contentFilter", "content_policy_violation", "moderation_blocked");

  /**
   * What the failure classes of Hugging Face's servers mean: TGI's {@code error_type} values (lower case)
   * and TEI's enum names (PascalCase on the wire, compared in lower case). Validation-like classes are
   * the caller's; the rest are the server's, with overload being its form of throttling.
   */
  private static final Map<String, ErrorKind> SERVER_CLASSES = Map.ofEntries(
      Map.entry("validation", ErrorKind.INVALID_REQUEST),
      Map.entry("tokenizer", ErrorKind.INVALID_REQUEST),
      Map.entry("empty", ErrorKind.INVALID_REQUEST),
      Map.entry("template_error", ErrorKind.INVALID_REQUEST),
      Map.entry("missing_template_variable", ErrorKind.INVALID_REQUEST),
      Map.entry("tool_error", ErrorKind.INVALID_REQUEST),
      Map.entry("overloaded", ErrorKind.PROVIDER_RATE_LIMITED),
      Map.entry("generation", ErrorKind.PROVIDER_UNAVAILABLE),
      Map.entry("incomplete_generation", ErrorKind.PROVIDER_UNAVAILABLE),
      Map.entry("backend", ErrorKind.PROVIDER_UNAVAILABLE),
      Map.entry("unhealthy", ErrorKind.PROVIDER_UNAVAILABLE));

  private final String provider;
  private final Clock clock;

  OpenAiErrors(String provider, Clock clock) {
    this.provider = provider;
    this.clock = clock;
  }

  /** Classifies a non-2xx response to a chat request; reads at most a bounded prefix of its body. */
  GatewayException fromResponse(Response response) {
    return fromResponse(response, "messages");
  }

  /**
   * Classifies a non-2xx response; reads at most a bounded prefix of its body.
   *
   * @param field the request field a rejection is charged to when the provider names none
   */
  GatewayException fromResponse(Response response, String field) {
    byte[] body;
    IOException unreadable = null;
    try {
      body = response.peekBody(MAX_ERROR_BODY).bytes();
    } catch (IOException e) {
      // The status alone still classifies the failure; the cause is kept for the log.
      body = new byte[0];
      unreadable = e;
    }
    return classify(response.code(), response.headers(), body, unreadable, field);
  }

  /** Classifies an error response to a chat request from its parts. */
  GatewayException classify(int status, Headers headers, byte[] body, @Nullable Throwable cause) {
    return classify(status, headers, body, cause, "messages");
  }

  /** Classifies an error response from its parts; {@code field} as in {@link #fromResponse(Response, String)}. */
  GatewayException classify(int status, Headers headers, byte[] body, @Nullable Throwable cause, String field) {
    OpenAiErrorBody error = OpenAiErrorBody.parse(body);
    ErrorKind kind = refine(HttpErrors.kindForStatus(status), status, error);
    GatewayException.Builder builder = GatewayException.builder(kind, message(kind, status, error))
        .provider(provider)
        .upstreamStatus(status)
        .cause(cause);
    return finish(builder, kind, error, headers, field).build();
  }

  /**
   * Classifies an {@code {"error": ...}} event that arrived inside a stream whose HTTP status was 200.
   * Servers that embed a status (TGI's {@code http_status_code}) are classified by it, refined by the
   * failure class TGI's message names (its stream events say 422 whatever went wrong); otherwise the
   * error type decides, and an unexplained mid-stream failure counts as the provider failing.
   */
  GatewayException fromStreamEvent(JsonNode root) {
    OpenAiErrorBody error = OpenAiErrorBody.of(root);
    int status = error.status();
    ErrorKind base;
    if (status >= 400) {
      base = HttpErrors.kindForStatus(status);
    } else if ("invalid_request_error".equals(error.type())) {
      base = ErrorKind.INVALID_REQUEST;
    } else if ("rate_limit_exceeded".equals(error.code()) || "rate_limit_error".equals(error.type())) {
      base = ErrorKind.PROVIDER_RATE_LIMITED;
    } else {
      base = ErrorKind.PROVIDER_UNAVAILABLE;
    }
    ErrorKind kind = refine(base, status, error);
    GatewayException.Builder builder = GatewayException.builder(kind, message(kind, status, error))
        .provider(provider)
        .upstreamStatus(Math.max(status, 0));
    return finish(builder, kind, error, Headers.EMPTY, "messages").build();
  }

  /** Returns the error for an answer that breaks the wire format; {@code detail} is ours, never provider text. */
  GatewayException protocolError(String detail, @Nullable Throwable cause) {
    return GatewayException.builder(ErrorKind.PROVIDER_PROTOCOL_ERROR,
            "provider '" + provider + "' sent an unexpected response: " + detail)
        .provider(provider)
        .cause(cause)
        .build();
  }

  /** Returns the error for a stream that ended before the provider's terminal event. */
  GatewayException truncated(@Nullable Throwable cause) {
    return GatewayException.builder(ErrorKind.PROVIDER_UNAVAILABLE,
            "provider '" + provider + "' ended the stream before it was complete")
        .provider(provider)
        .cause(cause)
        .build();
  }

  /** Returns the error a cancelled call ends with. */
  GatewayException cancelled(@Nullable Throwable cause) {
    return GatewayException.builder(ErrorKind.CANCELLED, "the call was cancelled")
        .provider(provider)
        .cause(cause)
        .build();
  }

  private static ErrorKind refine(ErrorKind byStatus, int status, OpenAiErrorBody error) {
    if (error.is("context_length_exceeded") || exceedsContext(error)) {
      return ErrorKind.CONTEXT_WINDOW_EXCEEDED;
    }
    if (status == 429 && (error.is("insufficient_quota") || "insufficient_quota".equals(error.type()))) {
      // Same status as throttling, but it is billing: retrying cannot help, an operator must act.
      return ErrorKind.PROVIDER_MISCONFIGURED;
    }
    if (error.code() != null && CONTENT_POLICY_CODES.contains(error.code())
        || "ResponsibleAIPolicyViolation".equals(error.innerCode()) || !error.filtered().isEmpty()) {
      return ErrorKind.CONTENT_FILTERED;
    }
    ErrorKind byServerClass = error.errorType() == null ? null : SERVER_CLASSES.get(error.errorType());
    if (byServerClass != null) {
      return byServerClass;
    }
    // Hugging Face answers 424 Failed Dependency when the model backend failed to generate.
    return status == 424 ? ErrorKind.PROVIDER_UNAVAILABLE : byStatus;
  }

  /**
   * Returns whether a TGI or TEI validation error says the input is longer than the model's limit.
   * Those servers have no error code for it, only these messages (TGI and TEI validation.rs).
   */
  private static boolean exceedsContext(OpenAiErrorBody error) {
    String message = error.message();
    return "validation".equals(error.errorType()) && message != null
        && (message.contains("must have less than") || message.contains("tokens + `max_new_tokens` must be <="));
  }

  private String message(ErrorKind kind, int status, OpenAiErrorBody error) {
    String summary = HttpErrors.summarize(error.message());
    String quoted = summary.isEmpty() ? "" : ": " + summary;
    String http = status > 0 ? "HTTP " + status : "error event in the stream";
    String code = error.label() != null ? ", " + error.label() : "";
    String p = "provider '" + provider + "'";
    return switch (kind) {
      case INVALID_REQUEST -> p + " rejected the request" + quoted;
      case CONTEXT_WINDOW_EXCEEDED -> "the prompt does not fit the model's context window" + quoted;
      case CONTENT_FILTERED -> p + " refused the request under its content policy"
          + (error.filtered().isEmpty() ? "" : " (filtered categories: " + String.join(", ", error.filtered()) + ")")
          + quoted;
      case MODEL_NOT_FOUND -> p + " does not offer the requested model (" + http + code + ")";
      case PROVIDER_RATE_LIMITED -> p + " is rate limiting the gateway (" + http + code + ")";
      case PROVIDER_TIMEOUT -> p + " timed out (" + http + ")";
      case PROVIDER_UNAVAILABLE -> p + " is unavailable (" + http + code + ")";
      // The provider's own text may echo our credential (401 bodies do): only status and code go out.
      case PROVIDER_MISCONFIGURED -> p + " rejected the gateway's credentials or account (" + http + code + ")";
      default -> p + " failed (" + http + code + ")";
    };
  }

  private GatewayException.Builder finish(GatewayException.Builder builder, ErrorKind kind, OpenAiErrorBody error,
      Headers headers, String defaultField) {
    switch (kind) {
      case INVALID_REQUEST, CONTEXT_WINDOW_EXCEEDED, CONTENT_FILTERED -> {
        String field = error.param() != null && !error.param().isBlank() ? error.param() : defaultField;
        String summary = HttpErrors.summarize(error.message());
        builder.violations(List.of(new FieldViolation(field,
            summary.isEmpty() ? "rejected by provider '" + provider + "'" : summary)));
      }
      case PROVIDER_RATE_LIMITED, PROVIDER_UNAVAILABLE -> {
        Duration retryAfter = HttpErrors.retryAfter(headers, clock);
        // A Hugging Face model that is still loading says in the body how long it needs.
        builder.retryAfter(retryAfter != null ? retryAfter : error.estimatedTime());
      }
      default -> { }
    }
    return builder;
  }
}
