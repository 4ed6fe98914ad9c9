package dev.llmgateway.bench.gateway;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the JDK's {@code jcmd} against another JVM, with a time limit. */
public final class Jcmd {
  private static final long TIMEOUT_SECONDS = 60;

  private final Path executable;

  /** Uses the {@code jcmd} of the JDK this program runs on. */
  public Jcmd() {
    this(Path.of(System.getProperty("java.home"), "bin", "jcmd"));
  }

  Jcmd(Path executable) {
    this.executable = executable;
  }

  /** Runs {@code jcmd <pid> <command...>} and returns its output; throws {@link IOException} on failure. */
  public String run(long pid, String... command) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>();
    args.add(executable.toString());
    args.add(Long.toString(pid));
    args.addAll(List.of(command));
    Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("jcmd " + String.join(" ", command) + " did not finish in " + TIMEOUT_SECONDS + " s");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException("jcmd " + String.join(" ", command) + " exited with " + p.exitValue() + ": " + text.strip());
    }
    return text;
  }

  /** Returns the heap figures of JVM {@code pid}. */
  public HeapInfo heapInfo(long pid) throws IOException, InterruptedException {
    return HeapInfo.parse(run(pid, "GC.heap_info"));
  }
}
