package dev.llmgateway.bench.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Holds one reading of a process from {@code /proc/<pid>/stat} and {@code /proc/<pid>/status}.
 *
 * @param userTicks user-mode CPU time, in clock ticks
 * @param systemTicks kernel-mode CPU time, in clock ticks
 * @param rssKib resident set size (VmRSS), KiB
 * @param peakRssKib peak resident set size (VmHWM), KiB
 * @param threads the number of threads
 */
public record ProcSample(long userTicks, long systemTicks, long rssKib, long peakRssKib, int threads) {
  /** Reads process {@code pid}; throws {@link IOException} when it is gone or /proc is unreadable. */
  public static ProcSample read(long pid) throws IOException {
    Path dir = Path.of("/proc", Long.toString(pid));
    long[] cpu = cpuTicks(Files.readString(dir.resolve("stat")));
    List<String> status = Files.readAllLines(dir.resolve("status"));
    return new ProcSample(cpu[0], cpu[1], statusValue(status, "VmRSS:"), statusValue(status, "VmHWM:"),
        (int) statusValue(status, "Threads:"));
  }

  /** Returns user plus system CPU time, in clock ticks. */
  public long cpuTicks() {
    return userTicks + systemTicks;
  }

  /** Returns {utime, stime} from the text of a {@code /proc/<pid>/stat} file. */
  static long[] cpuTicks(String stat) {
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    String[] rest = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    // rest[0] is field 3 (state), so utime (field 14) is rest[11] and stime (field 15) is rest[12].
    return new long[] {Long.parseLong(rest[11]), Long.parseLong(rest[12])};
  }

  private static long statusValue(List<String> status, String key) {
    for (String line : status) {
      if (line.startsWith(key)) {
        String value = line.substring(key.length()).trim();
        int space = value.indexOf(' ');
        return Long.parseLong(space < 0 ? value : value.substring(0, space));
      }
    }
    return -1;
  }
}
