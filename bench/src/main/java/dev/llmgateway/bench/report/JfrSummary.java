package dev.llmgateway.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the gateway's flight recordings per scenario: the hottest methods by CPU samples (where
 * the time is spent, and which of the gateway's own methods are on the stack), the classes allocated
 * most (sampled bytes, also per call) and garbage-collection pauses.
 */
public final class JfrSummary {
  private static final int TOP = 12;

  /**
   * The time window and call count of one scenario on the gateway.
   *
   * @param id the scenario id
   * @param start when its measured part began
   * @param end when it ended
   * @param calls gateway calls made in it (successful or not), for per-call figures
   */
  public record Window(String id, Instant start, Instant end, long calls) {}

  private static final class Tally {
    final Map<String, Long> self = new HashMap<>();
    final Map<String, Long> inclusiveOwn = new HashMap<>();
    final Map<String, Long> allocations = new HashMap<>();
    final Map<String, double[]> threadLoad = new HashMap<>();
    long samples;
    long allocatedBytes;
    long gcCount;
    long gcPauseNanos;
  }

  private JfrSummary() {}

  /** Reads {@code recordings} and returns the Markdown summary for {@code windows}. */
  public static String summarize(List<Path> recordings, List<Window> windows) throws IOException {
    List<Tally> tallies = new ArrayList<>();
    windows.forEach(w -> tallies.add(new Tally()));
    for (Path file : recordings) {
      try (RecordingFile recording = new RecordingFile(file)) {
        // Bounded by the file: each read consumes one event.
        while (recording.hasMoreEvents()) {
          RecordedEvent event = recording.readEvent();
          for (int i = 0; i < windows.size(); i++) {
            Window w = windows.get(i);
            if (!event.getStartTime().isBefore(w.start()) && event.getStartTime().isBefore(w.end())) {
              add(tallies.get(i), event);
            }
          }
        }
      }
    }
    StringBuilder md = new StringBuilder("## Profile (flight recording of the gateway)\n\n");
    for (int i = 0; i < windows.size(); i++) {
      render(md, windows.get(i), tallies.get(i));
    }
    return md.toString();
  }

  private static void add(Tally t, RecordedEvent event) {
    String type = event.getEventType().getName();
    switch (type) {
      case "jdk.ExecutionSample" -> {
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
          return;
        }
        t.samples++;
        t.self.merge(name(stack.getFrames().get(0)), 1L, Long::sum);
        Set<String> seen = new HashSet<>();
        for (RecordedFrame frame : stack.getFrames()) {
          String name = name(frame);
          if (name.startsWith("dev.llmgateway.") && seen.add(name)) {
            t.inclusiveOwn.merge(name, 1L, Long::sum);
          }
        }
      }
      case "jdk.ObjectAllocationSample" -> {
        long weight = event.getLong("weight");
        t.allocatedBytes += weight;
        t.allocations.merge(event.getClass("objectClass").getName(), weight, Long::sum);
      }
      case "jdk.ThreadCPULoad" -> {
        String thread = event.getThread() == null ? "(unknown)" : event.getThread().getJavaName();
        double[] sumAndCount = t.threadLoad.computeIfAbsent(thread == null ? "(unknown)" : thread, k -> new double[2]);
        sumAndCount[0] += event.getFloat("user") + event.getFloat("system");
        sumAndCount[1]++;
      }
      case "jdk.GarbageCollection" -> {
        t.gcCount++;
        t.gcPauseNanos += event.getDuration("sumOfPauses").toNanos();
      }
      default -> { }
    }
  }

  private static String name(RecordedFrame frame) {
    RecordedMethod method = frame.getMethod();
    return method == null ? "(unknown)" : method.getType().getName() + "." + method.getName();
  }

  private static void render(StringBuilder md, Window w, Tally t) {
    md.append("### ").append(w.id()).append("\n\n");
    if (t.samples == 0) {
      md.append("No CPU samples in this scenario's window.\n\n");
      return;
    }
    md.append(String.format(Locale.ROOT, "%d CPU samples; sampled allocation %.1f MiB (%s per call over %d calls); "
        + "%d GCs, %.1f ms of pauses.%n%n", t.samples, t.allocatedBytes / 1048576.0,
        w.calls() == 0 ? "-" : String.format(Locale.ROOT, "%.1f KiB", t.allocatedBytes / 1024.0 / w.calls()),
        w.calls(), t.gcCount, t.gcPauseNanos / 1e6));
    threadGroups(md, t);
    table(md, "Hot methods (self)", "share of samples", t.self, t.samples, false);
    table(md, "Gateway methods on the stack (inclusive)", "share of samples", t.inclusiveOwn, t.samples, false);
    table(md, "Allocation by class", "share of sampled bytes", t.allocations, t.allocatedBytes, true);
  }

  private static void threadGroups(StringBuilder md, Tally t) {
    // Each thread's average load over the window, summed per pool (digits in names folded), so time
    // spent outside Java code (kernel, wake-ups, JIT) shows too, which execution samples miss.
    Map<String, Double> groups = new HashMap<>();
    t.threadLoad.forEach((thread, sc) -> groups.merge(thread.replaceAll("\\d+", "N"), sc[0] / sc[1], Double::sum));
    if (groups.isEmpty()) {
      return;
    }
    md.append("| Threads (CPU load, all kinds of time) | share of the machine's CPU |\n|---|---:|\n");
    groups.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .limit(TOP)
        .forEach(e -> md.append(String.format(Locale.ROOT, "| `%s` | %.1f%% |%n", e.getKey(), 100 * e.getValue())));
    md.append('\n');
  }

  private static void table(StringBuilder md, String title, String measure, Map<String, Long> counts, long total,
      boolean bytes) {
    if (counts.isEmpty()) {
      return;
    }
    md.append("| ").append(title).append(" | ").append(measure).append(bytes ? " | MiB |\n|---|---:|---:|\n"
        : " | samples |\n|---|---:|---:|\n");
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(TOP)
        .forEach(e -> md.append(String.format(Locale.ROOT, "| `%s` | %.1f%% | %s |%n", e.getKey(),
            100.0 * e.getValue() / total, bytes ? String.format(Locale.ROOT, "%.1f", e.getValue() / 1048576.0)
                : e.getValue().toString())));
    md.append('\n');
  }
}
