package dev.llmgateway.bench.report;

import dev.llmgateway.bench.driver.PathTotals;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Reports one path of a scenario (for example "direct" or "gateway").
 *
 * @param path the path's name
 * @param calls successful calls
 * @param errors failed calls
 * @param errorsByCategory failed calls by category
 * @param errorExamples the first few failure messages
 * @param callsPerSecond successful calls per second of measured time
 * @param latency whole-call latency
 * @param ttft time to first text chunk, for streams
 * @param interChunk time between consecutive text chunks, for streams
 * @param process the serving process's figures, when the path has a process of its own
 */
public record PathResult(String path, long calls, long errors, Map<String, Long> errorsByCategory,
    List<String> errorExamples, double callsPerSecond, LatencySummary latency, @Nullable LatencySummary ttft,
    @Nullable LatencySummary interChunk, @Nullable ProcessFigures process) {

  /** Builds the result of {@code path} from its recorded totals. */
  public static PathResult of(String path, PathTotals t, @Nullable ProcessFigures process) {
    boolean streamed = t.ttft().getTotalCount() > 0;
    return new PathResult(path, t.successes(), t.failureCount(), t.failures(), t.examples(), t.callsPerSecond(),
        LatencySummary.of(t.latency()), streamed ? LatencySummary.of(t.ttft()) : null,
        streamed ? LatencySummary.of(t.gaps()) : null, process);
  }
}
