package dev.llmgateway.server.cache;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.config.CacheConfig;
import dev.llmgateway.server.providers.ResultSink;
import dev.llmgateway.server.providers.StreamSink;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.EmbedResponse;

/**
 * The response cache as the services use it: each method takes an admitted call, its prepared request, the
 * sink that answers the caller and the way to start the upstream call, and returns the call's cancel handle.
 * Calls to models without caching go straight upstream. A lookup never blocks the calling thread; a
 * backend that fails or is slow is skipped (counted in {@code gateway.cache.errors}). Every failure,
 * including a malformed {@code x-cache-control} header (INVALID_REQUEST), ends the call through its sink, so
 * the sink settles it. Thread-safe.
 */
@Singleton
public final class ResponseCaching {
  private final CompletionCaching completions;
  private final CompleteAnswers complete;
  private final StreamAnswers stream;
  private final EmbedCaching embed;

  @Inject
  ResponseCaching(CachePolicy policy, ResponseCache cache, CacheMetrics metrics, CacheMarks marks, CacheWriter writer,
      CacheExecutors executors, CacheConfig config) {
    this.completions = new CompletionCaching(policy, cache, metrics);
    this.complete = new CompleteAnswers(marks, writer);
    this.stream = new StreamAnswers(marks, writer, config.maxEntryBytes(), executors.replays());
    this.embed = new EmbedCaching(policy, cache, metrics, marks, writer);
  }

  /** Serves a Complete call. */
  public UpstreamCall complete(CacheScope scope, CompleteRequest prepared, ResultSink<CompleteResponse> sink,
      Upstream<CompleteRequest, ResultSink<CompleteResponse>> upstream) {
    return completions.serve(scope, prepared, sink, upstream, complete);
  }

  /** Serves a CompleteStream call; a hit is replayed on a thread of its own. */
  public UpstreamCall stream(CacheScope scope, CompleteRequest prepared, StreamSink sink,
      Upstream<CompleteRequest, StreamSink> upstream) {
    return completions.serve(scope, prepared, sink, upstream, stream);
  }

  /** Serves an Embed call, sending upstream only the inputs the cache lacks. */
  public UpstreamCall embed(CacheScope scope, EmbedRequest prepared, ResultSink<EmbedResponse> sink,
      Upstream<EmbedRequest, ResultSink<EmbedResponse>> upstream) {
    return embed.serve(scope, prepared, sink, upstream);
  }
}
