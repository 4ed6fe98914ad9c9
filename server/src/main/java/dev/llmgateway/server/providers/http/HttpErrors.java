package dev.llmgateway.server.providers.http;

import dev.llmgateway.server.errors.ErrorKind;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import javax.annotation.Nullable;
import okhttp3.Headers;

/**
 * What an upstream HTTP status means when the provider's body says nothing more specific, and when to
 * try again. Each provider's classifier starts here and refines by body.
 */
public final class HttpErrors {
  private static final int MAX_SUMMARY = 300;

  private HttpErrors() {}

  /** Returns the kind a bare status implies. */
  public static ErrorKind kindForStatus(int status) {
    return switch (status) {
      case 400, 413, 422 -> ErrorKind.INVALID_REQUEST;
      // Our upstream credentials or account were refused: the caller cannot fix that.
      case 401, 402, 403 -> ErrorKind.PROVIDER_MISCONFIGURED;
      case 404 -> ErrorKind.MODEL_NOT_FOUND;
      case 408 -> ErrorKind.PROVIDER_TIMEOUT;
      case 429 -> ErrorKind.PROVIDER_RATE_LIMITED;
      default -> status >= 500 ? ErrorKind.PROVIDER_UNAVAILABLE : ErrorKind.INVALID_REQUEST;
    };
  }

  /**
   * Returns the delay the provider asked for, from {@code retry-after-ms} (OpenAI) or
   * {@code retry-after} (seconds or an HTTP date), or null when neither is present and valid.
   */
  @Nullable
  public static Duration retryAfter(Headers headers, Clock clock) {
    String millis = headers.get("retry-after-ms");
    if (millis != null) {
      try {
        double ms = Double.parseDouble(millis.trim());
        if (ms >= 0) {
          return Duration.ofMillis((long) Math.ceil(ms));
        }
      } catch (NumberFormatException e) {
        // Fall through to retry-after: a malformed hint is no hint.
      }
    }
    String value = headers.get("retry-after");
    if (value == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(value.trim());
      return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(clock.instant(), at.toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  /** Returns a provider's error message shortened for a caller-facing status, or "" when null. */
  public static String summarize(@Nullable String providerMessage) {
    if (providerMessage == null) {
      return "";
    }
    String oneLine = providerMessage.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= MAX_SUMMARY ? oneLine : oneLine.substring(0, MAX_SUMMARY) + "…";
  }
}
