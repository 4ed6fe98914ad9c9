package dev.llmgateway.bench.gateway;

import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the gateway with {@code java -jar} as a child process listening on 127.0.0.1, waits until its
 * health service reports SERVING (timing it from just before the process starts), and gives a gRPC
 * channel to it plus readings of its CPU, memory and heap. Closing it stops the process.
 */
public final class GatewayProcess implements AutoCloseable {
  /** The API key sent on every call, for gateways whose edge authentication is switched on. */
  public static final String BENCH_API_KEY = "bench-api-key-0001-loopback-only-not-a-secret";
  // How often start-up probes for the listening port: the resolution of the start-up figure.
  private static final long PROBE_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final long STOP_TIMEOUT_SECONDS = 15;

  /**
   * Says how to launch one gateway.
   *
   * @param java the {@code java} executable
   * @param jar the gateway jar
   * @param config the configuration file
   * @param port the loopback port to listen on
   * @param jvmOptions options placed before {@code -jar}, e.g. {@code -Xmx1g} or a flight recording
   * @param log where the process's output goes
   * @param startTimeout how long start-up may take before it counts as failed
   */
  public record Launch(Path java, Path jar, Path config, int port, List<String> jvmOptions, Path log,
      Duration startTimeout) {
    /** Copies the list. */
    public Launch {
      jvmOptions = List.copyOf(jvmOptions);
    }
  }

  private final Process process;
  private final ManagedChannel channel;
  private final io.grpc.Channel callChannel;
  private final Path log;
  private final Jcmd jcmd = new Jcmd();
  private long startupNanos;

  private GatewayProcess(Process process, ManagedChannel channel, Path log) {
    this.process = process;
    this.channel = channel;
    this.log = log;
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + BENCH_API_KEY);
    this.callChannel = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  /**
   * Starts the gateway and returns once it reports SERVING.
   *
   * @throws GatewayStartException if it exits or does not become SERVING within the launch's timeout
   */
  public static GatewayProcess start(Launch launch) throws IOException, InterruptedException, GatewayStartException {
    List<String> command = new ArrayList<>();
    command.add(launch.java().toString());
    command.addAll(launch.jvmOptions());
    command.add("-jar");
    command.add(launch.jar().toString());
    command.add("--config");
    command.add(launch.config().toString());
    command.add("--listen");
    command.add("127.0.0.1:" + launch.port());
    Files.createDirectories(launch.log().toAbsolutePath().getParent());
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(launch.log().toFile());
    builder.environment().put(GatewayConfigFile.UPSTREAM_KEY_ENV, GatewayConfigFile.UPSTREAM_KEY);
    // The edge-on configuration installs this as the admin key; elsewhere auth is off and it is unused.
    builder.environment().put("LLMGATEWAY_ADMIN_KEY", BENCH_API_KEY);
    ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", launch.port())
        .usePlaintext()
        .directExecutor()
        .maxInboundMessageSize(64 * 1024 * 1024)
        .build();
    long start = System.nanoTime();
    Process process = builder.start();
    GatewayProcess gateway = new GatewayProcess(process, channel, launch.log());
    try {
      gateway.startupNanos = gateway.awaitServing(start, start + launch.startTimeout().toNanos());
      return gateway;
    } catch (GatewayStartException | RuntimeException | InterruptedException e) {
      gateway.close();
      throw e;
    }
  }

  private long awaitServing(long start, long deadline) throws GatewayStartException, InterruptedException {
    HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
    HealthCheckRequest overall = HealthCheckRequest.newBuilder().setService("").build();
    long nextProbe = start;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new GatewayStartException("the gateway exited with code " + process.exitValue()
            + " before it was SERVING; log " + log + ":\n" + logTail(30));
      }
      // The port cannot announce that it opened: probe it on a fixed schedule, without connect backoff.
      for (long wait = nextProbe - System.nanoTime(); wait > 0; wait = nextProbe - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      nextProbe += PROBE_PERIOD_NANOS;
      channel.resetConnectBackoff();
      long remaining = deadline - System.nanoTime();
      try {
        HealthCheckResponse status = health.withDeadlineAfter(Math.min(remaining, TimeUnit.SECONDS.toNanos(2)),
            TimeUnit.NANOSECONDS).check(overall);
        if (status.getStatus() == ServingStatus.SERVING) {
          return System.nanoTime() - start;
        }
        // Listening but not ready: the Watch stream reports the change the moment it happens.
        Iterator<HealthCheckResponse> changes =
            health.withDeadlineAfter(deadline - System.nanoTime(), TimeUnit.NANOSECONDS).watch(overall);
        while (changes.hasNext()) {
          if (changes.next().getStatus() == ServingStatus.SERVING) {
            return System.nanoTime() - start;
          }
        }
      } catch (StatusRuntimeException e) {
        Status.Code code = e.getStatus().getCode();
        if (code == Status.Code.UNIMPLEMENTED) {
          throw new GatewayStartException("the gateway does not offer grpc.health.v1.Health; log " + log);
        }
        // UNAVAILABLE (not listening yet) or DEADLINE_EXCEEDED: probe again on schedule.
      }
    }
    throw new GatewayStartException("the gateway was not SERVING within the start-up timeout; log " + log
        + ":\n" + logTail(30));
  }

  /** Returns the time from just before the process started until health reported SERVING. */
  public long startupNanos() {
    return startupNanos;
  }

  /** Returns the process id. */
  public long pid() {
    return process.pid();
  }

  /** Returns a channel to the gateway that sends the benchmark's API key on every call. */
  public io.grpc.Channel channel() {
    return callChannel;
  }

  /** Returns whether the process is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Reads the process's CPU time, memory and thread count. */
  public ProcSample sample() throws IOException {
    return ProcSample.read(process.pid());
  }

  /** Reads the process's heap figures through {@code jcmd}. */
  public HeapInfo heap() throws IOException, InterruptedException {
    return jcmd.heapInfo(process.pid());
  }

  /** Runs a full garbage collection in the process and returns the heap figures after it (the live set). */
  public HeapInfo heapAfterFullGc() throws IOException, InterruptedException {
    jcmd.run(process.pid(), "GC.run");
    return jcmd.heapInfo(process.pid());
  }

  /** Returns the last {@code lines} lines of the process's output. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }

  /** Closes the channel and stops the process (SIGTERM, then SIGKILL after a bounded wait). */
  @Override
  public void close() {
    channel.shutdownNow();
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
