package dev.llmgateway.server.providers.ollama;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.FieldViolation;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.http.HttpErrors;
import dev.llmgateway.server.providers.http.WholeAnswerCall;
import dev.llmgateway.server.providers.http.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import javax.annotation.Nullable;
import okhttp3.Headers;

/**
 * Classifies every failure an Ollama server reports: error responses (the single
 * {@code {"error": "..."}} shape, with 400, 401, 403, 404, 429, 500, 502 and 503), an error line in the
 * middle of a stream, a server that is not running, and answers that break the wire format. Messages
 * stay caller-safe: only a rejection of the request (4xx) quotes Ollama's message, summarised.
 * Thread-safe.
 */
final class OllamaErrors implements WholeAnswerCall.Classifier {
  /** Error bodies are short; a longer one is cut and then classified by status if it no longer parses. */
  static final long MAX_ERROR_BODY = 64 * 1024;

  private final String provider;
  private final String baseUrl;
  private final Clock clock;

  OllamaErrors(String provider, String baseUrl, Clock clock) {
    this.provider = requireNonNull(provider, "provider");
    this.baseUrl = requireNonNull(baseUrl, "baseUrl");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Classifies a non-2xx answer from its status, headers and body (which may be anything).
   *
   * @param field the request field a rejection points at ({@code messages} for chat, {@code inputs} for
   *     embeddings)
   */
  @Override
  public GatewayException fromResponse(int status, Headers headers, byte[] body, String field) {
    String summary = HttpErrors.summarize(messageOf(body));
    ErrorKind kind = isContextOverflow(summary) ? ErrorKind.CONTEXT_WINDOW_EXCEEDED : HttpErrors.kindForStatus(status);
    GatewayException.Builder b = GatewayException.builder(kind, describe(kind, "HTTP " + status, summary))
        .provider(provider)
        .upstreamStatus(status);
    switch (kind) {
      case INVALID_REQUEST, CONTEXT_WINDOW_EXCEEDED -> b.violations(List.of(new FieldViolation(field,
          summary.isEmpty() ? "rejected by provider '" + provider + "'" : summary)));
      case PROVIDER_RATE_LIMITED, PROVIDER_UNAVAILABLE -> b.retryAfter(HttpErrors.retryAfter(headers, clock));
      default -> { }
    }
    return b.build();
  }

  /**
   * Classifies an {@code {"error": "..."}} line inside a stream whose status was already 200: the model
   * failed while generating, so the provider is at fault unless the text says the prompt did not fit.
   */
  GatewayException fromStreamError(@Nullable String message) {
    String summary = HttpErrors.summarize(message);
    ErrorKind kind = isContextOverflow(summary) ? ErrorKind.CONTEXT_WINDOW_EXCEEDED : ErrorKind.PROVIDER_UNAVAILABLE;
    GatewayException.Builder b = GatewayException.builder(kind, describe(kind, "error line in the stream", summary))
        .provider(provider);
    if (kind == ErrorKind.CONTEXT_WINDOW_EXCEEDED) {
      b.violations(List.of(new FieldViolation("messages", summary)));
    }
    return b.build();
  }

  /**
   * Refines the shared classification of a call that failed before any answer: a refused connection
   * means no Ollama is listening at the configured address, which the operator should read as such.
   */
  @Override
  public GatewayException unreachable(GatewayException failure) {
    if (failure.kind() != ErrorKind.PROVIDER_UNAVAILABLE || !(failure.getCause() instanceof ConnectException)) {
      return failure;
    }
    return GatewayException.builder(ErrorKind.PROVIDER_UNAVAILABLE, "provider '" + provider
            + "' could not be reached at " + baseUrl + " (connection refused): is Ollama running there?")
        .provider(provider).cause(failure.getCause()).build();
  }

  /** Returns the error for an answer that breaks the wire format; {@code detail} is ours, never provider text. */
  @Override
  public GatewayException protocolError(String detail, @Nullable Throwable cause) {
    return GatewayException.builder(ErrorKind.PROVIDER_PROTOCOL_ERROR,
            "provider '" + provider + "' sent an unexpected response: " + detail)
        .provider(provider).cause(cause).build();
  }

  /** Returns the error for a stream that ended before its {@code "done": true} line. */
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

  /**
   * Ollama has no error codes; when it refuses an oversized input instead of truncating it (embeddings
   * with {@code truncate: false}), only the text tells: "the input length exceeds the context length".
   */
  private static boolean isContextOverflow(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("exceeds the context length") || m.contains("exceeds maximum context length");
  }

  private String describe(ErrorKind kind, String where, String summary) {
    String quoted = summary.isEmpty() ? "" : ": " + summary;
    String p = "provider '" + provider + "'";
    return switch (kind) {
      case INVALID_REQUEST -> p + " rejected the request" + quoted;
      case CONTEXT_WINDOW_EXCEEDED -> "the prompt does not fit the model's context window" + quoted;
      // Ollama's text names the model and says to pull it: useful, and the model name is the caller's.
      case MODEL_NOT_FOUND -> p + " does not have the requested model (" + where + ")" + quoted;
      case PROVIDER_RATE_LIMITED -> p + " is rate limiting the gateway (" + where + ")";
      case PROVIDER_TIMEOUT -> p + " timed out (" + where + ")";
      case PROVIDER_UNAVAILABLE -> p + " failed (" + where + ")";
      case PROVIDER_MISCONFIGURED -> p + " rejected the gateway's credentials or access (" + where + ")";
      default -> p + " failed (" + where + ")";
    };
  }

  @Nullable
  private static String messageOf(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      JsonNode root = Json.parse(body);
      JsonNode error = root == null ? null : root.get("error");
      return error != null && error.isTextual() ? error.textValue() : null;
    } catch (IOException notJson) {
      // A proxy's HTML page or Go's plain "404 page not found": the status alone classifies it.
      return null;
    }
  }
}
