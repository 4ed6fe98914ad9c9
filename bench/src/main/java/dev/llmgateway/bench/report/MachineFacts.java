package dev.llmgateway.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Describes the machine a run was made on: figures mean little without it.
 *
 * @param cores available processors
 * @param cpuModel the processor model, from /proc/cpuinfo
 * @param memoryMib total memory
 * @param jdk the Java runtime of the driver and the gateway
 * @param os operating system and kernel
 */
public record MachineFacts(int cores, String cpuModel, long memoryMib, String jdk, String os) {
  /** Reads the facts of this machine. */
  public static MachineFacts read() {
    return new MachineFacts(Runtime.getRuntime().availableProcessors(), readCpuModel(), readMemoryMib(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
            + " (" + System.getProperty("java.vendor") + ")",
        System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
  }

  private static String readCpuModel() {
    for (String line : lines("/proc/cpuinfo")) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return "unknown";
  }

  private static long readMemoryMib() {
    for (String line : lines("/proc/meminfo")) {
      if (line.startsWith("MemTotal:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }

  private static List<String> lines(String file) {
    try {
      return Files.readAllLines(Path.of(file));
    } catch (IOException e) {
      // Without /proc the facts read "unknown"; the run itself does not depend on them.
      return List.of();
    }
  }
}
