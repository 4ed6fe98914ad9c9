package dev.llmgateway.bench.gateway;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds the Java heap figures of a process as {@code jcmd <pid> GC.heap_info} prints them.
 *
 * @param usedKib heap in use (live objects and garbage not yet collected), KiB
 * @param committedKib heap reserved from the OS, KiB
 */
public record HeapInfo(long usedKib, long committedKib) {
  // G1 prints one "garbage-first heap total ..K, used ..K" line; Parallel and Serial print one per
  // generation. Metaspace lines read "used ..K, committed ..K" and do not match.
  private static final Pattern HEAP_LINE = Pattern.compile("total (\\d+)K, used (\\d+)K");

  /** Parses {@code GC.heap_info} output; throws {@link IllegalArgumentException} when it has no heap line. */
  public static HeapInfo parse(String output) {
    Matcher m = HEAP_LINE.matcher(output);
    long used = 0;
    long committed = 0;
    boolean found = false;
    while (m.find()) {
      found = true;
      committed += Long.parseLong(m.group(1));
      used += Long.parseLong(m.group(2));
    }
    if (!found) {
      throw new IllegalArgumentException("no heap figures in GC.heap_info output: " + output.strip());
    }
    return new HeapInfo(used, committed);
  }
}
