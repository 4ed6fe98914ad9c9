package dev.llmgateway.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Holds the command-line options of a run.
 *
 * @param scenarios the scenario ids to run, in catalogue order; empty for all
 * @param quick whether this is the short smoke run (seconds per scenario, fewer streams)
 * @param measureSeconds measured time per path per scenario, split over the rounds
 * @param warmupSeconds unmeasured time per path before each scenario
 * @param gatewayWarmupSeconds unmeasured calls through a newly started shared gateway, so just-in-time
 *     compilation is done before the first scenario
 * @param rounds how many times the two paths alternate
 * @param rate calls per second of the open-loop scenario
 * @param streams the number of concurrent streams of the concurrent-streams scenario
 * @param startupRuns how many gateway launches the start-up scenario times
 * @param jfr whether the gateway runs with a flight recording, summarised after the run
 * @param gatewayJar the gateway's runnable jar
 * @param results the directory for reports
 * @param gatewayJvmOptions JVM options of every gateway process
 * @param mockThreads event-loop threads of the mock upstream
 */
public record BenchOptions(List<String> scenarios, boolean quick, double measureSeconds, double warmupSeconds,
    double gatewayWarmupSeconds, int rounds, double rate, int streams, int startupRuns, boolean jfr, Path gatewayJar, Path results,
    List<String> gatewayJvmOptions, int mockThreads) {

  static final String USAGE = """
      usage: bench/run.sh [options]
        --scenarios a,b,c     run only these (default: all; --list shows them)
        --quick               smoke run for CI: about two seconds per scenario, 500 streams, one start-up
        --duration SECONDS    measured time per path per scenario (default 12, quick 0.6)
        --warmup SECONDS      unmeasured warm-up per path per scenario (default 3, quick 0.3)
        --gateway-warmup S    unmeasured calls through the shared gateway once started (default 30, quick 1)
        --rounds N            alternations of direct and gateway batches (default 4, quick 2)
        --rate N              calls/s of the open-loop scenario (default 1000, quick 200)
        --streams N           streams held open at once in streams-10k (default 10000, quick 500)
        --startup-runs N      gateway launches timed by the start-up scenario (default 3, quick 1)
        --jfr                 run the gateway with a flight recording and summarise the profile
        --gateway-jar PATH    default server/target/llm-gateway-server.jar
        --gateway-jvm-opts S  JVM options of the gateway, space-separated (default "-Xmx1g")
        --results DIR         where reports go (default bench/results)
        --mock-threads N      event-loop threads of the mock upstream (default 2)
        --list                list the scenarios and exit
      """;

  /** Returns the defaults: a full run of every scenario. */
  static BenchOptions defaults() {
    return new BenchOptions(List.of(), false, 12, 3, 30, 4, 1000, 10_000, 3, false,
        Path.of("server/target/llm-gateway-server.jar"), Path.of("bench/results"), List.of("-Xmx1g"), 2);
  }

  /** Parses {@code args}; throws {@link IllegalArgumentException} with a message for a bad option. */
  static BenchOptions parse(String... args) {
    List<String> list = Arrays.asList(args);
    boolean quick = list.contains("--quick");
    BenchOptions o = defaults();
    List<String> scenarios = new ArrayList<>();
    double measure = quick ? 0.6 : o.measureSeconds();
    double warmup = quick ? 0.3 : o.warmupSeconds();
    double gatewayWarmup = quick ? 1 : o.gatewayWarmupSeconds();
    int rounds = quick ? 2 : o.rounds();
    double rate = quick ? 200 : o.rate();
    int streams = quick ? 500 : o.streams();
    int startupRuns = quick ? 1 : o.startupRuns();
    boolean jfr = false;
    Path jar = o.gatewayJar();
    Path results = o.results();
    List<String> jvm = o.gatewayJvmOptions();
    int mockThreads = o.mockThreads();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--quick", "--list", "--help" -> { }
        case "--jfr" -> jfr = true;
        case "--scenarios" -> scenarios.addAll(Arrays.asList(value(args, ++i, a).split(",")));
        case "--duration" -> measure = positive(value(args, ++i, a), a);
        case "--warmup" -> warmup = nonNegative(value(args, ++i, a), a);
        case "--gateway-warmup" -> gatewayWarmup = nonNegative(value(args, ++i, a), a);
        case "--rounds" -> rounds = (int) positive(value(args, ++i, a), a);
        case "--rate" -> rate = positive(value(args, ++i, a), a);
        case "--streams" -> streams = (int) positive(value(args, ++i, a), a);
        case "--startup-runs" -> startupRuns = (int) positive(value(args, ++i, a), a);
        case "--gateway-jar" -> jar = Path.of(value(args, ++i, a));
        case "--results" -> results = Path.of(value(args, ++i, a));
        case "--gateway-jvm-opts" -> jvm = Arrays.stream(value(args, ++i, a).trim().split("\\s+"))
            .filter(s -> !s.isEmpty()).toList();
        case "--mock-threads" -> mockThreads = (int) positive(value(args, ++i, a), a);
        default -> throw new IllegalArgumentException("unknown option: " + a);
      }
    }
    scenarios.removeIf(String::isBlank);
    return new BenchOptions(List.copyOf(scenarios), quick, measure, warmup, gatewayWarmup, rounds, rate, streams,
        startupRuns, jfr, jar, results, jvm, mockThreads);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + ": missing value");
    }
    return args[i];
  }

  private static double positive(String value, String option) {
    double v = number(value, option);
    if (!(v > 0)) {
      throw new IllegalArgumentException(option + ": " + value + " (expected: > 0)");
    }
    return v;
  }

  private static double nonNegative(String value, String option) {
    double v = number(value, option);
    if (!(v >= 0)) {
      throw new IllegalArgumentException(option + ": " + value + " (expected: >= 0)");
    }
    return v;
  }

  private static double number(String value, String option) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + ": " + value + " (expected: a number)", e);
    }
  }

  /** Returns the measured time of one batch: the per-path time split over the rounds. */
  public long batchNanos() {
    return (long) (measureSeconds * 1e9 / rounds);
  }

  /** Returns the warm-up time per path. */
  public long warmupNanos() {
    return (long) (warmupSeconds * 1e9);
  }
}
