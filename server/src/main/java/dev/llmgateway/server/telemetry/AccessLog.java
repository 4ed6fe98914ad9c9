package dev.llmgateway.server.telemetry;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes one line per finished call to the {@code llmgateway.access} logger, at INFO, as
 * space-separated {@code key=value} pairs (logfmt):
 *
 * <pre>
 * time=2025-05-01T12:00:00.123Z request_id=4f2a… method=Complete key_id=team-a model=gpt-4o provider=openai
 *   status=OK input_tokens=12 output_tokens=40 duration_ms=812.402 upstream_ms=805.115 finish_reason=stop
 * </pre>
 *
 * Only identifiers, counts and timings are written: never a secret, never prompt or completion
 * text. Empty values are written as {@code -}; values with spaces, quotes, {@code =} or control
 * characters are quoted and escaped, so a line always parses. Thread-safe.
 */
@Singleton
public final class AccessLog {
  /** The logger name; route or silence access lines through it. */
  public static final String LOGGER_NAME = "llmgateway.access";

  private final Logger logger = Logger.getLogger(LOGGER_NAME);
  private final Clock clock;

  @Inject
  AccessLog() {
    this(Clock.systemUTC());
  }

  AccessLog(Clock clock) {
    this.clock = clock;
  }

  /** Logs {@code call}, stamped with the current time; does nothing when the logger is off for INFO. */
  public void log(CallOutcome call) {
    if (!logger.isLoggable(Level.INFO)) {
      return;
    }
    logger.info(format(call));
  }

  /** Returns the line {@link #log} writes for {@code call}. */
  String format(CallOutcome call) {
    StringBuilder line = new StringBuilder(256);
    line.append("time=").append(clock.instant().truncatedTo(ChronoUnit.MILLIS));
    field(line, "request_id", call.requestId());
    field(line, "method", call.method());
    field(line, "key_id", call.keyId());
    field(line, "model", call.model());
    field(line, "provider", call.provider());
    field(line, "status", call.status());
    line.append(" input_tokens=").append(call.inputTokens());
    line.append(" output_tokens=").append(call.outputTokens());
    line.append(" duration_ms=");
    millis(line, call.durationNanos());
    line.append(" upstream_ms=");
    millis(line, call.upstreamNanos());
    field(line, "finish_reason", call.finishReason());
    return line.toString();
  }

  private static void field(StringBuilder line, String key, String value) {
    line.append(' ').append(key).append('=');
    if (value.isEmpty()) {
      line.append('-');
    } else if (needsQuotes(value)) {
      quote(line, value);
    } else {
      line.append(value);
    }
  }

  /** Appends {@code nanos} as milliseconds with microsecond precision, e.g. {@code 12.034}. */
  private static void millis(StringBuilder line, long nanos) {
    long micros = Math.max(0, nanos) / 1_000;
    long fraction = micros % 1_000;
    line.append(micros / 1_000).append('.');
    if (fraction < 100) {
      line.append('0');
    }
    if (fraction < 10) {
      line.append('0');
    }
    line.append(fraction);
  }

  private static boolean needsQuotes(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  private static void quote(StringBuilder line, String value) {
    line.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> line.append("\\\"");
        case '\\' -> line.append("\\\\");
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\t' -> line.append("\\t");
        default -> {
          if (c < ' ' || c == 0x7f) {
            line.append(String.format("\\u%04x", (int) c));
          } else {
            line.append(c);
          }
        }
      }
    }
    line.append('"');
  }
}
