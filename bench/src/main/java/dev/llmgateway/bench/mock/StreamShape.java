package dev.llmgateway.bench.mock;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;

/**
 * Describes how the mock shapes one answer: how many text chunks a stream has, the pause between two
 * chunks, and the embedding size. It is read from the upstream model name, whose dash-separated parts
 * may include {@code c<N>} (chunks), {@code d<N>ms} or {@code d<N>us} (delay) and {@code dim<N>}
 * (dimensions), e.g. {@code mock-model-c200-d5ms}; headers {@code x-mock-chunks} and
 * {@code x-mock-delay-us} override it. The model name travels through the gateway unchanged, so one
 * mock serves every scenario without per-scenario configuration.
 *
 * @param chunks the number of text chunks in a stream, at least 1
 * @param delayNanos the pause between two text chunks, 0 for none
 * @param dimensions the embedding size, at least 1
 */
public record StreamShape(int chunks, long delayNanos, int dimensions) {
  static final int MAX_CHUNKS = 100_000;
  static final int MAX_DIMENSIONS = 65_536;
  static final long MAX_DELAY_NANOS = 60_000_000_000L;

  private static final Pattern CHUNKS = Pattern.compile("c(\\d{1,6})");
  private static final Pattern DELAY = Pattern.compile("d(\\d{1,8})(ms|us)");
  private static final Pattern DIMENSIONS = Pattern.compile("dim(\\d{1,5})");

  /** Validates the ranges. */
  public StreamShape {
    if (chunks < 1 || chunks > MAX_CHUNKS) {
      throw new IllegalArgumentException("chunks: " + chunks + " (expected: 1 to " + MAX_CHUNKS + ")");
    }
    if (delayNanos < 0 || delayNanos > MAX_DELAY_NANOS) {
      throw new IllegalArgumentException("delayNanos: " + delayNanos + " (expected: 0 to 60 s)");
    }
    if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
      throw new IllegalArgumentException("dimensions: " + dimensions + " (expected: 1 to " + MAX_DIMENSIONS + ")");
    }
  }

  /** Reads the shape from a model name and optional header values; malformed parts are ignored. */
  public static StreamShape of(String model, @Nullable String chunksHeader, @Nullable String delayUsHeader) {
    int chunks = MockContent.DEFAULT_CHUNKS;
    long delayNanos = 0;
    int dimensions = MockContent.DEFAULT_DIMENSIONS;
    for (String part : model.toLowerCase(Locale.ROOT).split("-", 16)) {
      Matcher m;
      if ((m = CHUNKS.matcher(part)).matches()) {
        chunks = Integer.parseInt(m.group(1));
      } else if ((m = DELAY.matcher(part)).matches()) {
        long value = Long.parseLong(m.group(1));
        delayNanos = m.group(2).equals("ms") ? value * 1_000_000L : value * 1_000L;
      } else if ((m = DIMENSIONS.matcher(part)).matches()) {
        dimensions = Integer.parseInt(m.group(1));
      }
    }
    if (chunksHeader != null && chunksHeader.matches("\\d{1,6}")) {
      chunks = Integer.parseInt(chunksHeader);
    }
    if (delayUsHeader != null && delayUsHeader.matches("\\d{1,8}")) {
      delayNanos = Long.parseLong(delayUsHeader) * 1_000L;
    }
    return new StreamShape(clamp(chunks, 1, MAX_CHUNKS), Math.min(delayNanos, MAX_DELAY_NANOS),
        clamp(dimensions, 1, MAX_DIMENSIONS));
  }

  /** Returns the model name {@code base} extended with the parts that select {@code chunks} and {@code delayNanos}. */
  public static String modelName(String base, int chunks, long delayNanos) {
    StringBuilder name = new StringBuilder(base).append("-c").append(chunks);
    if (delayNanos > 0) {
      if (delayNanos % 1_000_000L == 0) {
        name.append("-d").append(delayNanos / 1_000_000L).append("ms");
      } else {
        name.append("-d").append(Math.max(1, delayNanos / 1_000L)).append("us");
      }
    }
    return name.toString();
  }

  private static int clamp(int value, int min, int max) {
    return Math.max(min, Math.min(max, value));
  }
}
