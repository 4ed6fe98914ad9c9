package dev.llmgateway.bench.scenario;

import dev.llmgateway.bench.BenchOptions;
import dev.llmgateway.bench.driver.AsyncCall;
import dev.llmgateway.bench.driver.BatchRunner;
import dev.llmgateway.bench.driver.BlockingCall;
import dev.llmgateway.bench.driver.ClosedLoop;
import dev.llmgateway.bench.driver.Expected;
import dev.llmgateway.bench.driver.GatewayCalls;
import dev.llmgateway.bench.driver.OpenLoop;
import dev.llmgateway.bench.driver.Recorder;
import dev.llmgateway.bench.gateway.BenchModel;
import dev.llmgateway.bench.gateway.GatewayProcess;
import dev.llmgateway.bench.mock.MockContent;
import dev.llmgateway.bench.mock.StreamShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/** Lists the benchmark's scenarios, in the order they run, and the catalogue models they call. */
public final class Scenarios {
  /** The most calls one batch makes, whatever its duration: every loop is bounded in count too. */
  static final long MAX_CALLS_PER_BATCH = 5_000_000;
  private static final int STREAM_CHUNKS = 200;
  private static final long SLOW_CHUNK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final List<String> CHAT = List.of("chat", "streaming");

  static final BenchModel CHAT_MODEL = model("bench-chat", BenchRun.OPENAI_PROVIDER, "mock-model", CHAT);
  static final BenchModel CLAUDE_MODEL = model("bench-claude", BenchRun.ANTHROPIC_PROVIDER, "mock-claude", CHAT);
  static final BenchModel EMBED_MODEL = model("bench-embed", BenchRun.OPENAI_PROVIDER, "mock-embed",
      List.of("embeddings"));
  static final BenchModel STREAM_MODEL = model("bench-stream-200", BenchRun.OPENAI_PROVIDER,
      StreamShape.modelName("mock-model", STREAM_CHUNKS, 0), CHAT);
  static final BenchModel SLOW_STREAM_MODEL = model("bench-stream-200-5ms", BenchRun.OPENAI_PROVIDER,
      StreamShape.modelName("mock-model", STREAM_CHUNKS, SLOW_CHUNK_NANOS), CHAT);
  static final BenchModel CLAUDE_STREAM_MODEL = model("bench-claude-stream-200-5ms", BenchRun.ANTHROPIC_PROVIDER,
      StreamShape.modelName("mock-claude", STREAM_CHUNKS, SLOW_CHUNK_NANOS), CHAT);

  private Scenarios() {}

  /** Returns every scenario for {@code options}, in running order. */
  public static List<Scenario> all(BenchOptions options) {
    List<Scenario> s = new ArrayList<>();
    s.add(new StartupScenario(List.of(CHAT_MODEL, CLAUDE_MODEL, EMBED_MODEL, STREAM_MODEL, SLOW_STREAM_MODEL,
        CLAUDE_STREAM_MODEL)));
    for (int c : new int[] {1, 16, 64}) {
      s.add(unary("unary-c" + c, c));
    }
    s.add(compared("unary-anthropic-c16", "Unary Complete, Anthropic wire format, closed loop c=16",
        BenchRun.ANTHROPIC, CLAUDE_MODEL, 0, 16, (run, gw) -> run.direct().message(claudeExpected(0)),
        (calls, model) -> calls.complete(model.id(), claudeExpected(0))));
    s.add(openLoop(options.rate()));
    s.add(compared("stream-200", "CompleteStream, 200 chunks, no delay, closed loop c=16", BenchRun.OPENAI,
        STREAM_MODEL, STREAM_CHUNKS, 16, (run, gw) -> run.direct().chatStream(chatExpected(STREAM_MODEL, STREAM_CHUNKS)),
        (calls, model) -> calls.completeStream(model.id(), chatExpected(model, STREAM_CHUNKS))));
    s.add(compared("stream-200-5ms", "CompleteStream, 200 chunks 5 ms apart, closed loop c=64", BenchRun.OPENAI,
        SLOW_STREAM_MODEL, STREAM_CHUNKS, 64,
        (run, gw) -> run.direct().chatStream(chatExpected(SLOW_STREAM_MODEL, STREAM_CHUNKS)),
        (calls, model) -> calls.completeStream(model.id(), chatExpected(model, STREAM_CHUNKS))));
    s.add(compared("stream-anthropic-200-5ms", "CompleteStream, Anthropic wire format, 200 chunks 5 ms apart, c=64",
        BenchRun.ANTHROPIC, CLAUDE_STREAM_MODEL, STREAM_CHUNKS, 64,
        (run, gw) -> run.direct().messageStream(claudeStreamExpected()),
        (calls, model) -> calls.completeStream(model.id(), claudeStreamExpected())));
    Expected embed = Expected.embed(BenchRun.OPENAI_PROVIDER, EMBED_MODEL.upstreamModel(), 1,
        MockContent.DEFAULT_DIMENSIONS);
    s.add(compared("embed-1536", "Embed, one input, 1536-dimension vectors, closed loop c=16", BenchRun.OPENAI,
        EMBED_MODEL, 0, 16, (run, gw) -> run.direct().embeddings(embed), (calls, model) -> calls.embed(model.id(), embed)));
    s.add(new EdgeScenario(CHAT_MODEL));
    s.add(manyStreams(options));
    return s;
  }

  /**
   * Warms the shared gateway's code paths (unary, streamed and embedding calls of {@code models}) for
   * about {@code nanos}, unmeasured, so the first scenario does not pay for just-in-time compilation.
   */
  public static void warmUp(BenchRun run, List<BenchModel> models, long nanos) throws InterruptedException {
    GatewayCalls calls = run.calls(run.shared());
    ClosedLoop loop = new ClosedLoop(16, run.callTimeoutNanos());
    List<BlockingCall> work = new ArrayList<>();
    for (BenchModel m : models) {
      if (m.equals(CHAT_MODEL) || m.equals(CLAUDE_MODEL)) {
        String provider = m.equals(CHAT_MODEL) ? BenchRun.OPENAI_PROVIDER : BenchRun.ANTHROPIC_PROVIDER;
        work.add(calls.complete(m.id(), Expected.chat(provider, m.upstreamModel(), 0)));
      } else if (m.equals(STREAM_MODEL)) {
        work.add(calls.completeStream(m.id(), chatExpected(m, STREAM_CHUNKS)));
      } else if (m.equals(EMBED_MODEL)) {
        work.add(calls.embed(m.id(), Expected.embed(BenchRun.OPENAI_PROVIDER, m.upstreamModel(), 1,
            MockContent.DEFAULT_DIMENSIONS)));
      }
    }
    for (BlockingCall call : work) {
      loop.run(call, new Recorder(), nanos / work.size(), MAX_CALLS_PER_BATCH);
    }
  }

  /** Returns the catalogue models of {@code scenarios} that run on the shared gateway, without repeats. */
  public static List<BenchModel> sharedModels(List<Scenario> scenarios) {
    Map<String, BenchModel> models = new LinkedHashMap<>();
    for (Scenario scenario : scenarios) {
      scenario.models().forEach(m -> models.putIfAbsent(m.id(), m));
    }
    return List.copyOf(models.values());
  }

  private static Scenario unary(String id, int concurrency) {
    return compared(id, "Unary Complete, OpenAI-compatible wire format, closed loop c=" + concurrency,
        BenchRun.OPENAI, CHAT_MODEL, 0, concurrency, (run, gw) -> run.direct().chat(chatExpected(CHAT_MODEL, 0)),
        (calls, model) -> calls.complete(model.id(), chatExpected(model, 0)));
  }

  private static Scenario openLoop(double rate) {
    return new ComparedScenario("unary-rate", String.format("Unary Complete, open loop at %.0f calls/s", rate),
        Set.of(BenchRun.OPENAI), List.of(CHAT_MODEL), 0, (run, gateway) -> {
          OpenLoop loop = new OpenLoop(rate, 10_000, run.callTimeoutNanos());
          Expected expected = chatExpected(CHAT_MODEL, 0);
          AsyncCall direct = run.direct().chatAsync(expected);
          AsyncCall viaGateway = run.calls(gateway).completeAsync(CHAT_MODEL.id(), expected);
          return List.of(new Side("direct", BatchRunner.open(loop, direct), null),
              new Side("gateway", BatchRunner.open(loop, viaGateway), gateway));
        });
  }

  private static Scenario manyStreams(BenchOptions options) {
    // Each stream lasts far longer than opening them all takes (a few seconds, more when the gateway
    // is slow to connect upstream), so all are open at once when memory is read.
    boolean large = options.streams() > 2000;
    int chunks = large ? 46 : 25;
    long delay = TimeUnit.MILLISECONDS.toNanos(large ? 1000 : 150);
    BenchModel model = model("bench-many-streams", BenchRun.OPENAI_PROVIDER,
        StreamShape.modelName("mock-model", chunks, delay), CHAT);
    return new ManyStreamsScenario(model, options.streams(), chunks, delay);
  }

  private static Scenario compared(String id, String title, String type, BenchModel model, int chunks,
      int concurrency, BiFunction<BenchRun, GatewayProcess, BlockingCall> direct,
      BiFunction<GatewayCalls, BenchModel, BlockingCall> viaGateway) {
    return new ComparedScenario(id, title, Set.of(type), List.of(model), chunks, (run, gateway) -> {
      ClosedLoop loop = new ClosedLoop(concurrency, run.callTimeoutNanos());
      return List.of(
          new Side("direct", BatchRunner.closed(loop, direct.apply(run, gateway), MAX_CALLS_PER_BATCH), null),
          new Side("gateway", BatchRunner.closed(loop, viaGateway.apply(run.calls(gateway), model),
              MAX_CALLS_PER_BATCH), gateway));
    });
  }

  private static Expected chatExpected(BenchModel model, int chunks) {
    return Expected.chat(BenchRun.OPENAI_PROVIDER, model.upstreamModel(), chunks);
  }

  private static Expected claudeExpected(int chunks) {
    return Expected.chat(BenchRun.ANTHROPIC_PROVIDER, CLAUDE_MODEL.upstreamModel(), chunks);
  }

  private static Expected claudeStreamExpected() {
    return Expected.chat(BenchRun.ANTHROPIC_PROVIDER, CLAUDE_STREAM_MODEL.upstreamModel(), STREAM_CHUNKS);
  }

  private static BenchModel model(String id, String provider, String upstream, List<String> capabilities) {
    return new BenchModel(id, provider, upstream, capabilities);
  }
}
