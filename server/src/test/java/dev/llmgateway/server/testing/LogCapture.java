package dev.llmgateway.server.testing;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Captures every log record of every logger at every level during a test, to look for what must never be logged.
 * Netty's HTTP/2 frame loggers, which print request headers verbatim at FINE, stay at INFO as the gateway holds
 * them in production.
 */
public final class LogCapture implements BeforeEachCallback, AfterEachCallback {
  private final Logger root = Logger.getLogger("");
  // Held here: the log manager keeps loggers only weakly, and a collected one forgets its level.
  private final List<Logger> frameLoggers = List.of(
      Logger.getLogger("io.grpc.netty.shaded.io.grpc.netty.NettyServerHandler"),
      Logger.getLogger("io.grpc.netty.shaded.io.grpc.netty.NettyClientHandler"));
  private final Queue<LogRecord> records = new ConcurrentLinkedQueue<>();
  private final Handler handler = collecting(records);
  private Level rootLevel;

  @Override
  public void beforeEach(ExtensionContext context) {
    rootLevel = root.getLevel();
    handler.setLevel(Level.ALL);
    root.addHandler(handler);
    root.setLevel(Level.ALL);
    frameLoggers.forEach(l -> l.setLevel(Level.INFO));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    root.removeHandler(handler);
    root.setLevel(rootLevel);
    frameLoggers.forEach(l -> l.setLevel(null));
  }

  /** Returns a handler that adds every record it is given to {@code sink}. */
  public static Handler collecting(Collection<LogRecord> sink) {
    return new Handler() {
      @Override
      public void publish(LogRecord record) {
        sink.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }

  /** Returns the records captured so far. */
  public Queue<LogRecord> records() {
    return records;
  }

  /** Returns every captured record formatted, with its parameters. */
  public String formatted() {
    SimpleFormatter formatter = new SimpleFormatter();
    StringBuilder all = new StringBuilder();
    for (LogRecord record : records) {
      all.append(formatter.format(record));
      if (record.getParameters() != null) {
        all.append(Arrays.toString(record.getParameters())).append('\n');
      }
    }
    return all.toString();
  }
}
