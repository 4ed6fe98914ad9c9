package dev.llmgateway.bench.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import dev.llmgateway.bench.BenchOptions;
import dev.llmgateway.bench.driver.DirectCalls;
import dev.llmgateway.bench.driver.GatewayCalls;
import dev.llmgateway.bench.gateway.BenchModel;
import dev.llmgateway.bench.gateway.BenchProvider;
import dev.llmgateway.bench.gateway.GatewayConfigFile;
import dev.llmgateway.bench.gateway.GatewayProcess;
import dev.llmgateway.bench.gateway.GatewayStartException;
import dev.llmgateway.bench.gateway.HeapInfo;
import dev.llmgateway.bench.gateway.ProcSample;
import dev.llmgateway.bench.gateway.ServerJar;
import dev.llmgateway.bench.mock.MockUpstream;
import dev.llmgateway.bench.report.ProcessFigures;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;
import okhttp3.OkHttpClient;

/**
 * Holds what every scenario of one run shares: the options, the mock upstream, the direct HTTP path,
 * the gateway build and the shared gateway process, and launches further gateways when a scenario
 * needs its own.
 */
public final class BenchRun {
  private static final Logger LOG = Logger.getLogger(BenchRun.class.getName());
  /** The OpenAI-compatible provider type; used only when the gateway build has its adapter. */
  public static final String OPENAI = "openai";
  /** The Anthropic provider type. */
  public static final String ANTHROPIC = "anthropic";
  /** The configuration name of the OpenAI-compatible mock provider, reported back by the gateway. */
  public static final String OPENAI_PROVIDER = "mock";
  /** The configuration name of the Anthropic mock provider. */
  public static final String ANTHROPIC_PROVIDER = "mock-anthropic";

  private final BenchOptions options;
  private final MockUpstream mock;
  private final ServerJar jar;
  private final DirectCalls direct;
  private final Path workDir;
  private final long ticksPerSecond;
  private final List<Path> recordings = new ArrayList<>();
  @Nullable private GatewayProcess shared;
  private int launches;

  /** Creates the context of one run; {@code workDir} receives configurations, logs and recordings. */
  public BenchRun(BenchOptions options, MockUpstream mock, ServerJar jar, OkHttpClient http,
      ObjectMapper mapper, Path workDir, long ticksPerSecond) {
    this.options = options;
    this.mock = mock;
    this.jar = jar;
    this.direct = new DirectCalls(http, mapper, mock.openAiBaseUrl(), mock.anthropicBaseUrl());
    this.workDir = workDir;
    this.ticksPerSecond = ticksPerSecond;
  }

  /** Returns the run's options. */
  public BenchOptions options() {
    return options;
  }

  /** Returns the mock upstream. */
  public MockUpstream mock() {
    return mock;
  }

  /** Returns the calls straight to the mock. */
  public DirectCalls direct() {
    return direct;
  }

  /** Returns the gateway build. */
  public ServerJar jar() {
    return jar;
  }

  /** Returns the call timeout of ordinary calls. */
  public long callTimeoutNanos() {
    return TimeUnit.SECONDS.toNanos(30);
  }

  /** Returns the providers this gateway build can serve, pointing at the mock. */
  public List<BenchProvider> providers() {
    List<BenchProvider> providers = new ArrayList<>();
    if (jar.hasProviderType(OPENAI)) {
      providers.add(new BenchProvider(OPENAI_PROVIDER, OPENAI, mock.openAiBaseUrl()));
    }
    if (jar.hasProviderType(ANTHROPIC)) {
      providers.add(new BenchProvider(ANTHROPIC_PROVIDER, ANTHROPIC, mock.anthropicBaseUrl()));
    }
    return providers;
  }

  /**
   * Launches a gateway named {@code name} (for its files) serving {@code models}, with {@code overlay}
   * appended to its configuration, and returns it once SERVING.
   */
  public GatewayProcess launch(String name, List<BenchModel> models, String overlay)
      throws IOException, InterruptedException, GatewayStartException {
    String stem = String.format("%02d-%s", ++launches, name);
    Path config = workDir.resolve(stem + ".conf");
    GatewayConfigFile.write(config, providers(), models, quietTelemetry() + "\n" + overlay);
    List<String> jvm = new ArrayList<>(options.gatewayJvmOptions());
    if (options.jfr()) {
      Path recording = workDir.resolve(stem + ".jfr").toAbsolutePath();
      jvm.add("-XX:StartFlightRecording=filename=" + recording + ",settings=profile,dumponexit=true");
      recordings.add(recording);
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return GatewayProcess.start(new GatewayProcess.Launch(java, jar.path(), config, freePort(), jvm,
        workDir.resolve(stem + ".log"), Duration.ofSeconds(60)));
  }

  /**
   * Returns the setting that turns off the metrics endpoint, for builds that have one: it would listen
   * on all interfaces, and two gateways of one scenario would compete for its port.
   */
  private String quietTelemetry() {
    String off = "telemetry.prometheus.port = 0";
    return jar.unknownSettings(ConfigFactory.parseString(off)).isEmpty() ? off : "";
  }

  /** Sets the gateway shared by the scenarios that do not launch their own. */
  public void shared(GatewayProcess gateway) {
    this.shared = gateway;
  }

  /** Returns the shared gateway; throws {@link IllegalStateException} when none was started. */
  public GatewayProcess shared() {
    if (shared == null) {
      throw new IllegalStateException("no shared gateway is running");
    }
    return shared;
  }

  /** Returns checked gRPC calls to {@code gateway}. */
  public GatewayCalls calls(GatewayProcess gateway) {
    return new GatewayCalls(gateway.channel(), callTimeoutNanos());
  }

  /** Returns the flight recordings written so far (one per launch, when enabled). */
  public List<Path> recordings() {
    return List.copyOf(recordings);
  }

  /** Converts /proc clock ticks to nanoseconds. */
  public long ticksToNanos(long ticks) {
    return ticks * 1_000_000_000L / ticksPerSecond;
  }

  /** Reads {@code gateway}'s memory and heap now, with its measured CPU per call. */
  ProcessFigures figures(GatewayProcess gateway, double cpuPerCallMs) throws IOException, InterruptedException {
    ProcSample sample = gateway.sample();
    HeapInfo heap = null;
    try {
      heap = gateway.heap();
    } catch (IOException e) {
      // A missing heap figure is shown as such in the report; the scenario's other figures still stand.
      LOG.log(Level.WARNING, "could not read the gateway's heap", e);
    }
    return new ProcessFigures(cpuPerCallMs, sample.rssKib() / 1024.0, sample.peakRssKib() / 1024.0,
        heap == null ? null : heap.usedKib() / 1024.0, heap == null ? null : heap.committedKib() / 1024.0,
        sample.threads());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
