package dev.llmgateway.server.telemetry;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.lifecycle.Managed;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 *
 * <p>Once started, lines are handed to one writer thread through a bounded queue, so calls never wait
 * on the log handler's lock or its flushes (a synchronous line per call cost a third of the CPU under
 * load). When the queue is full the line is dropped and counted, and a warning says how many were lost;
 * before {@link #start()} and after {@link #close()} lines are written synchronously.
 */
@Singleton
public final class AccessLog implements Managed {
  private static final int QUEUE_CAPACITY = 65_536;
  private static final int BATCH = 512;
  /** The logger name; route or silence access lines through it. */
  public static final String LOGGER_NAME = "llmgateway.access";

  private final Logger logger = Logger.getLogger(LOGGER_NAME);
  private final Clock clock;
  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final AtomicLong dropped = new AtomicLong();
  private volatile Thread writer;

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
    String line = format(call);
    if (writer == null) {
      logger.info(line);
    } else if (!queue.offer(line)) {
      dropped.incrementAndGet();
    }
  }

  @Override
  public synchronized void start() {
    if (writer != null) {
      return;
    }
    Thread t = new Thread(this::drain, "access-log");
    t.setDaemon(true);
    writer = t;
    t.start();
  }

  /** Stops the writer after it has written every queued line. */
  @Override
  public synchronized void close() {
    Thread t = writer;
    if (t == null) {
      return;
    }
    writer = null;
    t.interrupt();
    try {
      t.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writeQueued(new ArrayList<>());
  }

  private void drain() {
    List<String> batch = new ArrayList<>(BATCH);
    while (writer != null) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(batch, BATCH - 1);
      batch.forEach(logger::info);
      batch.clear();
      long lost = dropped.getAndSet(0);
      if (lost > 0) {
        logger.warning(lost + " access log lines were dropped: the log could not keep up");
      }
    }
  }

  private void writeQueued(List<String> batch) {
    queue.drainTo(batch);
    batch.forEach(logger::info);
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
