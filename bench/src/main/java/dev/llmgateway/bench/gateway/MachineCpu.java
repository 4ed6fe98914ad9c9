package dev.llmgateway.bench.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the whole machine's busy CPU time from {@code /proc/stat}, so a run can tell how much of the
 * machine other processes took while it measured: on a shared machine that load, not the gateway,
 * may explain slow figures.
 *
 * @param busyTicks time all cores spent on anything but idle and I/O wait, in clock ticks
 */
public record MachineCpu(long busyTicks) {
  /** Reads the machine's counters now. */
  public static MachineCpu read() throws IOException {
    return parse(Files.readAllLines(Path.of("/proc/stat")).get(0));
  }

  /** Parses the aggregate {@code cpu} line of {@code /proc/stat}. */
  static MachineCpu parse(String cpuLine) {
    String[] f = cpuLine.trim().split("\\s+");
    if (!f[0].equals("cpu")) {
      throw new IllegalArgumentException("not the aggregate cpu line: " + cpuLine);
    }
    // user nice system idle iowait irq softirq steal: everything but idle (4) and iowait (5) is busy.
    long busy = 0;
    for (int i = 1; i <= Math.min(8, f.length - 1); i++) {
      if (i != 4 && i != 5) {
        busy += Long.parseLong(f[i]);
      }
    }
    return new MachineCpu(busy);
  }
}
