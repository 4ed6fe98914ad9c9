package dev.llmgateway.server.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.FieldViolation;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.http.HttpErrors;
import dev.llmgateway.server.providers.http.Json;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import javax.annotation.Nullable;
import okhttp3.Headers;
import okhttp3.Response;

/**
 * Classifies every failure an OpenAI-compatible server reports: error responses (status, headers and the
 * {@code {"error": {"message", "type", "param", "code"}}} body), error events inside a stream, and
 * answers that break the wire format. Messages stay caller-safe: only a 4xx rejection of the request
 * quotes the provider's message, summarised; credentials echoed in a 401 body never leave this class.
 */
final class OpenAiErrors {
  /** Error bodies are short; a longer one is cut and then classified by status if it no longer parses. */
  private static final long MAX_ERROR_BODY = 64 * 1024;

  private final String provider;
  private final Clock clock;

  OpenAiErrors(String provider, Clock clock) {
    this.provider = provider;
    this.clock = clock;
  }

  /** Classifies a non-2xx response; reads at most a bounded prefix of its body. */
  GatewayException fromResponse(Response response) {
    byte[] body;
    IOException unreadable = null;
    try {
      body = response.peekBody(MAX_ERROR_BODY).bytes();
    } catch (IOException e) {
      // The status alone still classifies the failure; the cause is kept for the log.
      body = new byte[0];
      unreadable = e;
    }
    return classify(response.code(), response.headers(), body, unreadable);
  }

  /** Classifies an error response from its parts. */
  GatewayException classify(int status, Headers headers, byte[] body, @Nullable Throwable cause) {
    ErrorBody error = ErrorBody.parse(body);
    ErrorKind kind = refine(HttpErrors.kindForStatus(status), status, error);
    GatewayException.Builder builder = GatewayException.builder(kind, message(kind, status, error))
        .provider(provider)
        .upstreamStatus(status)
        .cause(cause);
    return finish(builder, kind, error, headers).build();
  }

  /**
   * Classifies an {@code {"error": ...}} event that arrived inside a stream whose HTTP status was 200.
   * Servers that embed a status (TGI's {@code http_status_code}) are classified by it; otherwise the
   * error type decides, and an unexplained mid-stream failure counts as the provider failing.
   */
  GatewayException fromStreamEvent(JsonNode root) {
    ErrorBody error = ErrorBody.of(root);
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
    return finish(builder, kind, error, Headers.EMPTY).build();
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

  private static ErrorKind refine(ErrorKind byStatus, int status, ErrorBody error) {
    if (error.is("context_length_exceeded")) {
      return ErrorKind.CONTEXT_WINDOW_EXCEEDED;
    }
    if (status == 429 && (error.is("insufficient_quota") || "insufficient_quota".equals(error.type()))) {
      // Same status as throttling, but it is billing: retrying cannot help, an operator must act.
      return ErrorKind.PROVIDER_MISCONFIGURED;
    }
    if (error.is("content_filter") || error.is("content_policy_violation")) {
      return ErrorKind.CONTENT_FILTERED;
    }
    return byStatus;
  }

  private String message(ErrorKind kind, int status, ErrorBody error) {
    String summary = HttpErrors.summarize(error.message());
    String quoted = summary.isEmpty() ? "" : ": " + summary;
    String http = status > 0 ? "HTTP " + status : "error event in the stream";
    String code = error.code() != null ? ", " + error.code() : error.type() != null ? ", " + error.type() : "";
    String p = "provider '" + provider + "'";
    return switch (kind) {
      case INVALID_REQUEST -> p + " rejected the request" + quoted;
      case CONTEXT_WINDOW_EXCEEDED -> "the prompt does not fit the model's context window" + quoted;
      case CONTENT_FILTERED -> p + " refused the request under its content policy" + quoted;
      case MODEL_NOT_FOUND -> p + " does not offer the requested model (" + http + code + ")";
      case PROVIDER_RATE_LIMITED -> p + " is rate limiting the gateway (" + http + ")";
      case PROVIDER_TIMEOUT -> p + " timed out (" + http + ")";
      case PROVIDER_UNAVAILABLE -> p + " is unavailable (" + http + code + ")";
      // The provider's own text may echo our credential (401 bodies do): only status and code go out.
      case PROVIDER_MISCONFIGURED -> p + " rejected the gateway's credentials or account (" + http + code + ")";
      default -> p + " failed (" + http + code + ")";
    };
  }

  private GatewayException.Builder finish(GatewayException.Builder builder, ErrorKind kind, ErrorBody error,
      Headers headers) {
    switch (kind) {
      case INVALID_REQUEST, CONTEXT_WINDOW_EXCEEDED, CONTENT_FILTERED -> {
        String field = error.param() != null && !error.param().isBlank() ? error.param() : "messages";
        String summary = HttpErrors.summarize(error.message());
        builder.violations(List.of(new FieldViolation(field,
            summary.isEmpty() ? "rejected by provider '" + provider + "'" : summary)));
      }
      case PROVIDER_RATE_LIMITED, PROVIDER_UNAVAILABLE -> builder.retryAfter(HttpErrors.retryAfter(headers, clock));
      default -> { }
    }
    return builder;
  }

  /**
   * Holds the fields of an error body. Besides OpenAI's nested object this accepts the shapes compatible
   * servers use: the same fields at the top level (Mistral, older vLLM) and a bare string
   * {@code {"error": "..."}} (Ollama, TGI). Absent or non-text fields are null.
   */
  private record ErrorBody(@Nullable String message, @Nullable String type, @Nullable String param, @Nullable String code,
      int status) {
    private static final ErrorBody EMPTY = new ErrorBody(null, null, null, null, 0);

    static ErrorBody parse(byte[] body) {
      if (body.length == 0) {
        return EMPTY;
      }
      try {
        return of(Json.parse(body));
      } catch (IOException e) {
        // Not JSON (an HTML page from a proxy, a cut body): the status alone classifies it.
        return EMPTY;
      }
    }

    static ErrorBody of(JsonNode root) {
      JsonNode error = root.path("error");
      if (error.isTextual()) {
        return new ErrorBody(error.asText(), text(root.get("error_type")), null, null, 0);
      }
      JsonNode fields = error.isObject() ? error : root;
      int status = fields.path("http_status_code").asInt(fields.path("status").asInt(0));
      return new ErrorBody(text(fields.get("message")), text(fields.get("type")), text(fields.get("param")),
          text(fields.get("code")), status);
    }

    boolean is(String value) {
      return value.equals(code);
    }

    @Nullable
    private static String text(@Nullable JsonNode node) {
      // Codes are strings at OpenAI but numbers at some compatible servers ("code": 404).
      return node != null && (node.isTextual() || node.isNumber()) ? node.asText() : null;
    }
  }
}
