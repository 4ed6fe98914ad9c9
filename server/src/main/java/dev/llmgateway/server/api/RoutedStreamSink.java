package dev.llmgateway.server.api;

import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.StreamSink;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.RouteReport;
import java.util.function.Supplier;

/**
 * Puts the dispatch's route report on the caller's chunk that carries the usage (the last one). Sits
 * outside the response cache, so stored streams never keep one call's report and replays carry none.
 */
final class RoutedStreamSink implements StreamSink {
  private final StreamSink caller;
  private final Supplier<RouteReport> report;

  RoutedStreamSink(StreamSink caller, Supplier<RouteReport> report) {
    this.caller = caller;
    this.report = report;
  }

  @Override
  public void onChunk(CompleteStreamResponse chunk) {
    RouteReport route = chunk.hasUsage() ? report.get() : null;
    caller.onChunk(route == null ? chunk : chunk.toBuilder().setRoute(route).build());
  }

  @Override
  public void onComplete() {
    caller.onComplete();
  }

  @Override
  public void onError(GatewayException error) {
    caller.onError(error);
  }
}
