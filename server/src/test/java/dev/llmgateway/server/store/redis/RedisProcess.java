package dev.llmgateway.server.store.redis;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One {@code redis-server} process on a loopback port, started and stopped on demand. It is ready when its log
 * shows {@code readyLine}; the log is drained all along so the process never blocks on a full pipe.
 */
final class RedisProcess {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final int LOG_TAIL_LINES = 40;

  private final Path binary;
  private final Path dir;
  private final int port;
  private final List<String> args;
  private final String readyLine;
  private Process process;

  RedisProcess(Path binary, Path dir, int port, List<String> args, String readyLine) {
    this.binary = binary;
    this.dir = dir;
    this.port = port;
    this.args = List.copyOf(args);
    this.readyLine = readyLine;
  }

  int port() {
    return port;
  }

  boolean running() {
    return process != null && process.isAlive();
  }

  /** Starts the process and returns once it is ready; throws with its log when it exits or hangs instead. */
  void start() {
    if (running()) {
      throw new IllegalStateException("redis-server on port " + port + " is already running");
    }
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(args);
    Deque<String> tail = new ArrayDeque<>();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    try {
      process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    }
    Process started = process;
    Thread reader = new Thread(() -> drain(started, tail, ready), "redis-server-" + port + "-log");
    reader.setDaemon(true);
    reader.start();
    try {
      ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      kill();
      String log;
      synchronized (tail) {
        log = String.join("\n", tail);
      }
      throw new IllegalStateException("redis-server on port " + port + " did not become ready within "
          + START_TIMEOUT + ": " + command + "\n" + log, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
      throw new IllegalStateException("interrupted while starting redis-server", e);
    }
  }

  /** Kills the process at once (SIGKILL), as a crash would, and waits until it is gone. */
  void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("redis-server on port " + port + " did not die within " + STOP_TIMEOUT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping redis-server", e);
    }
    process = null;
  }

  private void drain(Process p, Deque<String> tail, CompletableFuture<Void> ready) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        synchronized (tail) {
          tail.addLast(line);
          if (tail.size() > LOG_TAIL_LINES) {
            tail.removeFirst();
          }
        }
        if (line.contains(readyLine)) {
          ready.complete(null);
        }
      }
      ready.completeExceptionally(new IllegalStateException("redis-server exited"));
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
  }
}
