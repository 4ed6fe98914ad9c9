package dev.llmgateway.server.providers.http;

import dev.llmgateway.server.errors.ErrorKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
   * {@code retry-after} (seconds or an HTTP date), else from the reset time of the exhausted rate limit
   * ({@code x-ratelimit-reset-requests} or {@code -tokens} where the matching {@code x-ratelimit-remaining-*}
   * is 0; Anthropic's {@code anthropic-ratelimit-*-reset} instants likewise), or null when none is present
   * and valid.
   */
  @Nullable
  public static Duration retryAfter(Headers headers, Clock clock) {
    Duration explicit = retryAfterHeader(headers, clock);
    if (explicit != null) {
      return explicit;
    }
    Duration openAi = exhaustedLimitReset(headers);
    return openAi != null ? openAi : exhaustedAnthropicLimitReset(headers, clock);
  }

  private static final String[] ANTHROPIC_LIMITS = {"requests", "tokens", "input-tokens", "output-tokens"};

  /**
   * Returns the time until the latest reset of Anthropic's exhausted limits, whose reset headers are
   * RFC 3339 instants, or null when none is reported as exhausted.
   */
  @Nullable
  static Duration exhaustedAnthropicLimitReset(Headers headers, Clock clock) {
    Duration longest = null;
    for (String limit : ANTHROPIC_LIMITS) {
      String prefix = "anthropic-ratelimit-" + limit;
      String reset = headers.get(prefix + "-reset");
      if (!"0".equals(headers.get(prefix + "-remaining")) || reset == null) {
        continue;
      }
      try {
        Duration wait = Duration.between(clock.instant(), Instant.parse(reset.trim()));
        wait = wait.isNegative() ? Duration.ZERO : wait;
        if (longest == null || wait.compareTo(longest) > 0) {
          longest = wait;
        }
      } catch (DateTimeParseException e) {
        // A reset in an unknown format is no hint; the other limits may still give one.
      }
    }
    return longest;
  }

  /**
   * Returns when the longest of the exhausted OpenAI-style limits resets, or null when no limit is
   * reported as exhausted (a reset time alone says nothing about why the call was refused).
   */
  @Nullable
  static Duration exhaustedLimitReset(Headers headers) {
    Duration longest = null;
    for (String limit : new String[] {"requests", "tokens"}) {
      if ("0".equals(headers.get("x-ratelimit-remaining-" + limit))) {
        Duration reset = goDuration(headers.get("x-ratelimit-reset-" + limit));
        if (reset != null && (longest == null || reset.compareTo(longest) > 0)) {
          longest = reset;
        }
      }
    }
    return longest;
  }

  // "6m0s", "1.5s", "120ms": the duration format of OpenAI's reset headers.
  private static final Pattern GO_DURATION_PART =
      Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s)");

  @Nullable
  private static Duration goDuration(@Nullable String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Matcher m = GO_DURATION_PART.matcher(value.trim());
    double millis = 0;
    int end = 0;
    while (m.find() && m.start() == end) {
      double n = Double.parseDouble(m.group(1));
      millis += n * switch (m.group(2)) {
        case "h" -> 3_600_000;
        case "m" -> 60_000;
        case "s" -> 1_000;
        default -> 1;
      };
      end = m.end();
    }
    return end == value.trim().length() && end > 0 ? Duration.ofMillis((long) Math.ceil(millis)) : null;
  }

  @Nullable
  private static Duration retryAfterHeader(Headers headers, Clock clock) {
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
