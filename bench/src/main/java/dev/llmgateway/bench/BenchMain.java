package dev.llmgateway.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.llmgateway.bench.gateway.BenchModel;
import dev.llmgateway.bench.gateway.GatewayProcess;
import dev.llmgateway.bench.gateway.GatewayStartException;
import dev.llmgateway.bench.gateway.MachineCpu;
import dev.llmgateway.bench.gateway.ProcSample;
import dev.llmgateway.bench.gateway.ServerJar;
import dev.llmgateway.bench.mock.MockUpstream;
import dev.llmgateway.bench.report.Budget;
import dev.llmgateway.bench.report.JfrSummary;
import dev.llmgateway.bench.report.MachineFacts;
import dev.llmgateway.bench.report.MarkdownReport;
import dev.llmgateway.bench.report.PathResult;
import dev.llmgateway.bench.report.RunReport;
import dev.llmgateway.bench.report.ScenarioResult;
import dev.llmgateway.bench.scenario.BenchRun;
import dev.llmgateway.bench.scenario.Scenario;
import dev.llmgateway.bench.scenario.Scenarios;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.Nullable;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/**
 * Runs the benchmark: starts the mock upstream, the shared gateway and the scenarios, then writes
 * {@code latest.md} and {@code latest.json} under the results directory and prints the Markdown.
 * Exits 1 when any scenario had failed calls, 2 for bad options or a missing gateway build.
 */
public final class BenchMain {
  private final BenchOptions options;
  private final PrintStream log = System.err;

  private BenchMain(BenchOptions options) {
    this.options = options;
  }

  /** Parses the options and runs the benchmark. */
  public static void main(String[] args) throws InterruptedException, IOException {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    List<String> list = List.of(args);
    if (list.contains("--help")) {
      System.out.print(BenchOptions.USAGE);
      return;
    }
    if (list.contains("--list")) {
      Scenarios.all(options).forEach(s -> System.out.println(s.id() + "\t" + s.title()));
      return;
    }
    System.exit(new BenchMain(options).run());
  }

  private int run() throws InterruptedException, IOException {
    Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<Scenario> selected = select(Scenarios.all(options));
    if (selected == null) {
      return 2;
    }
    ServerJar jar;
    try {
      jar = ServerJar.open(options.gatewayJar());
    } catch (IOException e) {
      log.println(e.getMessage());
      return 2;
    }
    Path work = options.results().resolve("tmp");
    clean(work);
    Map<String, ScenarioResult> results = new LinkedHashMap<>();
    List<JfrSummary.Window> windows = new ArrayList<>();
    ObjectMapper mapper = new ObjectMapper();
    OkHttpClient http = httpClient();
    List<Path> recordings;
    try (MockUpstream mock = MockUpstream.start(options.mockThreads())) {
      log.println("mock upstream on " + mock.openAiBaseUrl() + " and " + mock.anthropicBaseUrl());
      BenchRun run = new BenchRun(options, mock, jar, http, mapper, work, clockTicksPerSecond());
      runAll(run, selected, results, windows);
      recordings = run.recordings();
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
    String profile = options.jfr() ? JfrSummary.summarize(recordings, windows) : "";
    RunReport report = new RunReport(started.toString(), options.quick() ? "quick" : "full", commit(),
        MachineFacts.read(), settings(), Budget.check(results), List.copyOf(results.values()), profile);
    write(report, mapper);
    return report.hasErrors() ? 1 : 0;
  }

  private void runAll(BenchRun run, List<Scenario> selected, Map<String, ScenarioResult> results,
      List<JfrSummary.Window> windows) throws InterruptedException, IOException {
    Set<String> types = run.providers().stream().map(p -> p.type()).collect(Collectors.toSet());
    List<Scenario> runnable = selected.stream().filter(s -> types.containsAll(s.providerTypes())).toList();
    GatewayProcess shared = null;
    String sharedFailure = null;
    try {
      for (Scenario scenario : selected) {
        log.println("== " + scenario.id() + ": " + scenario.title());
        ScenarioResult result;
        Instant start = Instant.now();
        if (!run.jar().hasMainClass()) {
          result = ScenarioResult.notAvailable(scenario.id(), scenario.title(),
              "the gateway build has no dev.llmgateway.server.Main yet");
        } else if (!types.containsAll(scenario.providerTypes())) {
          Set<String> missing = scenario.providerTypes().stream().filter(t -> !types.contains(t))
              .collect(Collectors.toSet());
          result = ScenarioResult.notAvailable(scenario.id(), scenario.title(),
              "this gateway build has no provider adapter of type " + missing);
        } else {
          if (!scenario.models().isEmpty() && shared == null && sharedFailure == null) {
            try {
              List<BenchModel> models = Scenarios.sharedModels(runnable);
              shared = run.launch("gateway", models, "");
              run.shared(shared);
              log.printf("gateway pid %d SERVING after %.0f ms; warming it up%n", shared.pid(),
                  shared.startupNanos() / 1e6);
              Scenarios.warmUp(run, models, (long) (options.gatewayWarmupSeconds() * 1e9));
            } catch (GatewayStartException e) {
              sharedFailure = e.getMessage();
            }
          }
          start = Instant.now();
          long[] before = cpuTicks(shared);
          long startNanos = System.nanoTime();
          result = runOne(scenario, run, shared, sharedFailure);
          result = withOtherLoad(result, before, cpuTicks(shared), System.nanoTime() - startNanos, run);
        }
        results.put(scenario.id(), result);
        PathResult last = result.paths().isEmpty() ? null : result.paths().get(result.paths().size() - 1);
        windows.add(new JfrSummary.Window(scenario.id(), start, Instant.now(),
            last == null ? 0 : last.calls() + last.errors()));
        report(result);
      }
    } finally {
      if (shared != null) {
        shared.close();
      }
    }
  }

  /** Returns {machine busy, this process, shared gateway} CPU ticks now. */
  private static long[] cpuTicks(@Nullable GatewayProcess shared) throws IOException {
    long gateway = shared != null && shared.isAlive() ? shared.sample().cpuTicks() : 0;
    return new long[] {MachineCpu.read().busyTicks(), ProcSample.read(ProcessHandle.current().pid()).cpuTicks(),
        gateway};
  }

  /**
   * Adds the cores that processes other than this driver and the shared gateway kept busy during the
   * scenario: another build or test run on the same machine makes every figure slower.
   */
  private static ScenarioResult withOtherLoad(ScenarioResult r, long[] before, long[] after, long elapsedNanos,
      BenchRun run) {
    if (r.status() == ScenarioResult.Status.NOT_AVAILABLE || elapsedNanos <= 0) {
      return r;
    }
    long gatewayTicks = after[2] >= before[2] ? after[2] - before[2] : 0;
    long otherTicks = (after[0] - before[0]) - (after[1] - before[1]) - gatewayTicks;
    Map<String, Double> figures = new LinkedHashMap<>(r.figures());
    figures.put("other_processes_cores", Math.max(0, run.ticksToNanos(otherTicks)) / (double) elapsedNanos);
    return new ScenarioResult(r.id(), r.title(), r.status(), r.note(), r.paths(), figures);
  }

  private ScenarioResult runOne(Scenario scenario, BenchRun run, @Nullable GatewayProcess shared,
      @Nullable String sharedFailure) throws InterruptedException {
    if (!scenario.models().isEmpty()) {
      if (shared == null) {
        return ScenarioResult.failed(scenario.id(), scenario.title(), "the gateway did not start: " + sharedFailure);
      }
      if (!shared.isAlive()) {
        return ScenarioResult.failed(scenario.id(), scenario.title(), "the gateway process has exited:\n"
            + shared.logTail(20));
      }
    }
    try {
      return scenario.run(run);
    } catch (GatewayStartException | IOException e) {
      return ScenarioResult.failed(scenario.id(), scenario.title(), e.getMessage());
    }
  }

  private void report(ScenarioResult r) {
    StringBuilder line = new StringBuilder("   ").append(r.status());
    for (PathResult p : r.paths()) {
      line.append(String.format("  %s: %d ok, %d failed, %.0f/s, p50 %.3f ms, p99 %.3f ms", p.path(), p.calls(),
          p.errors(), p.callsPerSecond(), p.latency().p50Ms(), p.latency().p99Ms()));
    }
    if (!r.note().isEmpty()) {
      line.append("  (").append(r.note()).append(')');
    }
    log.println(line);
    if (r.status() == ScenarioResult.Status.ERRORS || r.status() == ScenarioResult.Status.FAILED) {
      log.println("!!! " + r.id() + " " + r.status() + ": its figures are not valid. "
          + r.paths().stream().map(p -> p.path() + " " + p.errorsByCategory() + " " + p.errorExamples())
              .collect(Collectors.joining("; ")));
    }
  }

  @Nullable
  private List<Scenario> select(List<Scenario> all) {
    if (options.scenarios().isEmpty()) {
      return all;
    }
    List<String> known = all.stream().map(Scenario::id).toList();
    for (String id : options.scenarios()) {
      if (!known.contains(id)) {
        log.println("unknown scenario: " + id + " (known: " + String.join(", ", known) + ")");
        return null;
      }
    }
    return all.stream().filter(s -> options.scenarios().contains(s.id())).toList();
  }

  private void write(RunReport report, ObjectMapper mapper) throws IOException {
    Files.createDirectories(options.results());
    String md = MarkdownReport.render(report);
    Files.writeString(options.results().resolve("latest.md"), md, StandardCharsets.UTF_8);
    mapper.copy().enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(options.results().resolve("latest.json").toFile(), report);
    System.out.println(md);
    log.println("wrote " + options.results().resolve("latest.md") + " and " + options.results().resolve("latest.json"));
    if (report.hasErrors()) {
      log.println("!!! THIS RUN HAD ERRORS: some calls failed or returned wrong content (see the Errors section).");
    }
  }

  private Map<String, Object> settings() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("measure_s_per_path", options.measureSeconds());
    s.put("warmup_s_per_path", options.warmupSeconds());
    s.put("gateway_warmup_s", options.gatewayWarmupSeconds());
    s.put("rounds", options.rounds());
    s.put("open_loop_rate", options.rate());
    s.put("streams", options.streams());
    s.put("startup_runs", options.startupRuns());
    s.put("gateway_jvm_options", String.join(" ", options.gatewayJvmOptions()));
    s.put("mock_threads", options.mockThreads());
    s.put("jfr", options.jfr());
    return s;
  }

  private static OkHttpClient httpClient() {
    Dispatcher dispatcher = new Dispatcher();
    // Asynchronous calls (open loop) take a thread and a connection each. OkHttp's default of 5 per
    // host would queue them; no bound at all lets a pause grow thousands of threads, whose stacks then
    // make every garbage collection of the driver slow. Queued calls still count from their schedule.
    dispatcher.setMaxRequests(256);
    dispatcher.setMaxRequestsPerHost(256);
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(512, 5, TimeUnit.MINUTES))
        .protocols(List.of(Protocol.HTTP_1_1))
        .retryOnConnectionFailure(false)
        .callTimeout(30, TimeUnit.SECONDS)
        .readTimeout(30, TimeUnit.SECONDS)
        .build();
  }

  private static void clean(Path work) throws IOException {
    Files.createDirectories(work);
    try (Stream<Path> files = Files.list(work)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.delete(f);
      }
    }
  }

  private static long clockTicksPerSecond() throws InterruptedException {
    String out = command("getconf", "CLK_TCK");
    return out != null && out.matches("\\d+") ? Long.parseLong(out) : 100;
  }

  private static String commit() throws InterruptedException {
    String out = command("git", "rev-parse", "--short", "HEAD");
    return out == null || out.isEmpty() ? "unknown" : out;
  }

  @Nullable
  private static String command(String... args) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        return null;
      }
      return out;
    } catch (IOException e) {
      // The tool is missing: the caller falls back to a default.
      return null;
    }
  }
}
