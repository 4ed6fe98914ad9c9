package dev.llmgateway.server.providers.bedrock;

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
 * Classifies Bedrock's failures: error responses (the error type in the {@code x-amzn-ErrorType} header
 * or the body's {@code __type}, the text in the body's {@code message}), exception and error frames
 * inside an event stream (HTTP status already 200), and answers that break the wire format. Messages are
 * caller-safe: only an invalid request's own message is passed on, summarised. Thread-safe.
 */
final class BedrockErrors {
  private final String provider;
  private final Clock clock;

  BedrockErrors(String provider, Clock clock) {
    this.provider = requireNonNull(provider, "provider");
    this.clock = requireNonNull(clock, "clock");
  }

  /** Classifies a non-2xx answer from its status, headers and body (which may be anything). */
  GatewayException fromResponse(int status, Headers headers, byte[] body) {
    JsonNode json = null;
    try {
      json = Json.parse(body);
    } catch (IOException notJson) {
      // Load balancers and proxies answer with HTML or plain text: the status and headers decide.
    }
    String type = errorType(headers.get("x-amzn-ErrorType"));
    if (type == null && json != null) {
      type = errorType(text(json, "__type"));
    }
    // restJson1 spells the field "message"; some AWS front ends answer with "Message".
    String message = json == null ? null : text(json, "message");
    if (message == null && json != null) {
      message = text(json, "Message");
    }
    return classify(status, type, message, HttpErrors.retryAfter(headers, clock));
  }

  /**
   * Classifies an exception frame of a stream ({@code :exception-type} such as {@code throttlingException},
   * with the {@code message} of its JSON payload) or an error frame ({@code :error-code} and
   * {@code :error-message}).
   */
  GatewayException fromStreamException(@Nullable String exceptionType, @Nullable String providerMessage) {
    return classify(0, exceptionType, providerMessage, null);
  }

  /** Returns the failure for an answer that does not follow Bedrock's wire format. */
  GatewayException protocolError(String what, @Nullable Throwable cause) {
    return GatewayException.builder(ErrorKind.PROVIDER_PROTOCOL_ERROR, "provider '" + provider + "' " + what)
        .provider(provider).cause(cause).build();
  }

  private GatewayException classify(int status, @Nullable String type, @Nullable String providerMessage,
      @Nullable Duration retryAfter) {
    String summary = HttpErrors.summarize(providerMessage);
    ErrorKind kind = kindOf(status, type, summary);
    GatewayException.Builder b = GatewayException.builder(kind, message(kind, type, summary))
        .provider(provider).upstreamStatus(status).retryAfter(retryAfter);
    if (kind == ErrorKind.INVALID_REQUEST) {
      // Bedrock names the offending field only inside its message text, so the message list is the most
      // precise field the gateway can point at.
      b.violations(List.of(new FieldViolation("messages",
          summary.isEmpty() ? "rejected by provider '" + provider + "'" : summary)));
    }
    return b.build();
  }

  private static ErrorKind kindOf(int status, @Nullable String type, String summary) {
    String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
    return switch (t) {
      case "validationexception" ->
          isContextOverflow(summary) ? ErrorKind.CONTEXT_WINDOW_EXCEEDED : ErrorKind.INVALID_REQUEST;
      case "conflictexception" -> ErrorKind.INVALID_REQUEST;
      // Our credentials, their signature or the account's model access were refused: the caller cannot
      // fix any of these.
      case "accessdeniedexception", "unrecognizedclientexception", "invalidsignatureexception",
          "signaturedoesnotmatch", "incompletesignature", "incompletesignatureexception",
          "missingauthenticationtoken", "missingauthenticationtokenexception", "invalidclienttokenid",
          "expiredtoken", "expiredtokenexception" -> ErrorKind.PROVIDER_MISCONFIGURED;
      case "resourcenotfoundexception" -> ErrorKind.MODEL_NOT_FOUND;
      case "throttlingexception", "servicequotaexceededexception" -> ErrorKind.PROVIDER_RATE_LIMITED;
      case "modeltimeoutexception" -> ErrorKind.PROVIDER_TIMEOUT;
      case "serviceunavailableexception", "internalserverexception", "modelnotreadyexception",
          "modelstreamerrorexception", "modelerrorexception" -> ErrorKind.PROVIDER_UNAVAILABLE;
      default -> status > 0 ? HttpErrors.kindForStatus(status) : ErrorKind.PROVIDER_UNAVAILABLE;
    };
  }

  /** Context overflow has no error type of its own: only the validation message tells it apart. */
  private static boolean isContextOverflow(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("too long") || m.contains("context window") || m.contains("context length")
        || m.contains("maximum context") || m.contains("too many input tokens")
        || m.contains("exceeds the maximum number of tokens");
  }

  private String message(ErrorKind kind, @Nullable String type, String summary) {
    String p = "provider '" + provider + "'";
    String detail = summary.isEmpty() ? "" : ": " + summary;
    String because = type == null ? "" : " (" + type + ")";
    return switch (kind) {
      case INVALID_REQUEST -> p + " rejected the request" + detail;
      case CONTEXT_WINDOW_EXCEEDED -> "the prompt does not fit the model's context window" + detail;
      case MODEL_NOT_FOUND -> p + " does not offer the requested model" + because;
      case PROVIDER_MISCONFIGURED -> p + " refused the gateway's AWS credentials or model access" + because;
      case PROVIDER_RATE_LIMITED -> p + " is throttling the gateway" + because;
      case PROVIDER_TIMEOUT -> p + " timed out while the model processed the request" + because;
      default -> p + " failed" + because;
    };
  }

  /**
   * Returns the bare error type: AWS sends it as {@code ValidationException}, with a
   * {@code :http://...} suffix in the header, or with a {@code namespace#} prefix in {@code __type}.
   */
  @Nullable
  static String errorType(@Nullable String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String type = raw.strip();
    int colon = type.indexOf(':');
    if (colon >= 0) {
      type = type.substring(0, colon);
    }
    int hash = type.lastIndexOf('#');
    if (hash >= 0) {
      type = type.substring(hash + 1);
    }
    return type.isEmpty() ? null : type;
  }

  @Nullable
  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
