package dev.llmgateway.bench.scenario;

import dev.llmgateway.bench.driver.CallFailure;
import dev.llmgateway.bench.driver.ChunkTimer;
import dev.llmgateway.bench.driver.Expected;
import dev.llmgateway.bench.driver.GatewayCalls;
import dev.llmgateway.bench.driver.Recorder;
import dev.llmgateway.bench.gateway.BenchModel;
import dev.llmgateway.bench.gateway.GatewayProcess;
import dev.llmgateway.bench.gateway.HeapInfo;
import dev.llmgateway.bench.gateway.ProcSample;
import dev.llmgateway.bench.report.PathResult;
import dev.llmgateway.bench.report.ProcessFigures;
import dev.llmgateway.bench.report.ScenarioResult;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteStreamResponse;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Holds many streams open through the gateway at once against a slow upstream: opens them on a fixed
 * schedule, waits until every one has its first chunk, reads the gateway's memory and heap at that
 * peak, then waits (bounded) for all to finish and checks each one. Measures memory and errors, not
 * latency.
 */
final class ManyStreamsScenario implements Scenario {
  private static final double OPEN_PER_SECOND = 2000;

  private final BenchModel model;
  private final int streams;
  private final int chunks;
  private final long delayNanos;

  ManyStreamsScenario(BenchModel model, int streams, int chunks, long delayNanos) {
    this.model = model;
    this.streams = streams;
    this.chunks = chunks;
    this.delayNanos = delayNanos;
  }

  @Override
  public String id() {
    return "streams-10k";
  }

  @Override
  public String title() {
    return streams + " concurrent CompleteStream calls against a slow upstream (" + chunks + " chunks, "
        + delayNanos / 1_000_000 + " ms apart): errors and memory with all open at once";
  }

  @Override
  public Set<String> providerTypes() {
    return Set.of(BenchRun.OPENAI);
  }

  @Override
  public List<BenchModel> models() {
    return List.of(model);
  }

  @Override
  public ScenarioResult run(BenchRun run) throws InterruptedException, IOException {
    GatewayProcess gateway = run.shared();
    long streamNanos = (chunks - 1) * delayNanos;
    long rampNanos = (long) (streams / OPEN_PER_SECOND * 1e9);
    // Each stream must outlive the ramp, or the streams would never all be open at once.
    if (streamNanos < rampNanos + TimeUnit.SECONDS.toNanos(3)) {
      throw new IllegalStateException("streams end before all are open: " + streamNanos + " ns < ramp " + rampNanos);
    }
    GatewayCalls calls = new GatewayCalls(gateway.channel(), streamNanos + rampNanos + TimeUnit.SECONDS.toNanos(60));
    Expected expected = Expected.chat(BenchRun.OPENAI_PROVIDER, model.upstreamModel(), chunks);
    Recorder recorder = new Recorder();
    CountDownLatch firstChunks = new CountDownLatch(streams);
    CountDownLatch ended = new CountDownLatch(streams);
    AtomicInteger open = new AtomicInteger();
    AtomicInteger peakOpen = new AtomicInteger();
    Queue<ClientCallStreamObserver<CompleteRequest>> requestStreams = new ConcurrentLinkedQueue<>();
    run.mock().stats().resetPeak();
    long cpuBefore = gateway.sample().cpuTicks();
    long start = System.nanoTime();
    for (int i = 0; i < streams; i++) {
      long scheduled = start + (long) (i * 1e9 / OPEN_PER_SECOND);
      // Opening on a schedule keeps the ramp the same from run to run.
      for (long wait = scheduled - System.nanoTime(); wait > 0; wait = scheduled - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      calls.completeStream(model.id(), new Observer(expected, recorder, firstChunks, ended, open, peakOpen, requestStreams));
    }
    long rampEnd = System.nanoTime();
    boolean allOpen = firstChunks.await(streamNanos + TimeUnit.SECONDS.toNanos(30), TimeUnit.NANOSECONDS);
    int openAtPeak = open.get();
    ProcSample peak = gateway.sample();
    HeapInfo heapAtPeak = gateway.heap();
    HeapInfo liveAtPeak = gateway.heapAfterFullGc();
    int mockOpenAtPeak = run.mock().stats().openStreams();
    boolean allEnded = ended.await(streamNanos + TimeUnit.SECONDS.toNanos(90), TimeUnit.NANOSECONDS);
    if (!allEnded) {
      requestStreams.forEach(c -> c.cancel("benchmark time limit", null));
      ended.await(10, TimeUnit.SECONDS);
    }
    long elapsed = System.nanoTime() - start;
    recorder.addElapsed(elapsed);
    long cpuNanos = run.ticksToNanos(gateway.sample().cpuTicks() - cpuBefore);

    ProcessFigures process = new ProcessFigures(cpuNanos / 1e6 / streams, peak.rssKib() / 1024.0,
        peak.peakRssKib() / 1024.0, heapAtPeak.usedKib() / 1024.0, heapAtPeak.committedKib() / 1024.0,
        peak.threads());
    PathResult path = PathResult.of("gateway", recorder.totals(), process);
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("streams", (double) streams);
    f.put("failed_calls", (double) path.errors());
    f.put("open_at_peak", (double) openAtPeak);
    f.put("max_open", (double) peakOpen.get());
    f.put("mock_open_at_peak", (double) mockOpenAtPeak);
    f.put("ramp_s", (rampEnd - start) / 1e9);
    f.put("heap_used_at_peak_mib", heapAtPeak.usedKib() / 1024.0);
    f.put("heap_live_at_peak_mib", liveAtPeak.usedKib() / 1024.0);
    f.put("rss_at_peak_mib", peak.rssKib() / 1024.0);
    f.put("threads_at_peak", (double) peak.threads());
    f.put("gateway_cpu_per_stream_ms", cpuNanos / 1e6 / streams);
    f.put("elapsed_s", elapsed / 1e9);
    boolean ok = path.errors() == 0 && allOpen && allEnded && path.calls() == streams && peakOpen.get() == streams;
    String note = ok ? "" : String.format("%d failed; at most %d of %d streams were open at once; all ended: %s",
        path.errors(), peakOpen.get(), streams, allEnded);
    return new ScenarioResult(id(), title(), ok ? ScenarioResult.Status.OK : ScenarioResult.Status.ERRORS, note,
        List.of(path), f);
  }

  /** Follows one stream: counts it open at its first text chunk, checks it whole at its end. */
  private static final class Observer implements ClientResponseObserver<CompleteRequest, CompleteStreamResponse> {
    private final GatewayCalls.StreamCheck check;
    private final Recorder recorder;
    private final CountDownLatch firstChunks;
    private final CountDownLatch ended;
    private final AtomicInteger open;
    private final AtomicInteger peakOpen;
    private final Queue<ClientCallStreamObserver<CompleteRequest>> calls;
    private final ChunkTimer timer = new ChunkTimer();
    private final long start = System.nanoTime();
    private boolean first = true;

    Observer(Expected expected, Recorder recorder, CountDownLatch firstChunks, CountDownLatch ended,
        AtomicInteger open, AtomicInteger peakOpen, Queue<ClientCallStreamObserver<CompleteRequest>> calls) {
      this.check = new GatewayCalls.StreamCheck(expected);
      this.recorder = recorder;
      this.firstChunks = firstChunks;
      this.ended = ended;
      this.open = open;
      this.peakOpen = peakOpen;
      this.calls = calls;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<CompleteRequest> requestStream) {
      calls.add(requestStream);
    }

    @Override
    public void onNext(CompleteStreamResponse chunk) {
      if (!chunk.getTextDelta().isEmpty()) {
        timer.textChunk();
        if (first) {
          first = false;
          peakOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
          firstChunks.countDown();
        }
      }
      check.add(chunk);
    }

    @Override
    public void onError(Throwable t) {
      recorder.failure(t instanceof StatusRuntimeException e
          ? new CallFailure("status " + e.getStatus().getCode(), String.valueOf(e.getStatus().getDescription()))
          : new CallFailure("grpc", t));
      end();
    }

    @Override
    public void onCompleted() {
      try {
        check.finish();
        recorder.success(start, System.nanoTime(), timer);
      } catch (CallFailure failure) {
        recorder.failure(failure);
      }
      end();
    }

    private void end() {
      if (first) {
        // Never opened: release the peak wait so it does not run out its time for nothing.
        first = false;
        firstChunks.countDown();
      } else {
        open.decrementAndGet();
      }
      ended.countDown();
    }
  }
}
