package dev.llmgateway.server.cache;

import dev.llmgateway.server.accounting.CallUsage;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ResultSink;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.server.tokens.TokenCounter;
import dev.llmgateway.v1.CacheResult;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.EmbedResponse;
import dev.llmgateway.v1.Embedding;
import dev.llmgateway.v1.Usage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves Embed through the cache one input at a time: inputs whose vectors are cached are answered from the
 * cache, only the others go upstream (in one request, in their original order), and the two are merged back in
 * input order. Usage is what went upstream: a batch answered entirely from the cache reports none.
 */
final class EmbedCaching {
  private static final Logger logger = Logger.getLogger(EmbedCaching.class.getName());

  private final CachePolicy policy;
  private final ResponseCache cache;
  private final CacheMetrics metrics;
  private final CacheMarks marks;
  private final CacheWriter writer;

  EmbedCaching(CachePolicy policy, ResponseCache cache, CacheMetrics metrics, CacheMarks marks, CacheWriter writer) {
    this.policy = policy;
    this.cache = cache;
    this.metrics = metrics;
    this.marks = marks;
    this.writer = writer;
  }

  UpstreamCall serve(CacheScope scope, EmbedRequest prepared, ResultSink<EmbedResponse> sink,
      Upstream<EmbedRequest, ResultSink<EmbedResponse>> upstream) {
    CacheDecision decision;
    try {
      decision = policy.decide(scope.route().modelId(), OptionalDouble.empty());
    } catch (GatewayException e) {
      sink.onError(e);
      return UpstreamCall.DONE;
    }
    switch (decision.verdict()) {
      case OFF -> {
        return start(upstream, UnaryOperator.identity(), sink);
      }
      case BYPASS -> {
        CacheMarks.trailer(scope, CacheResult.CACHE_RESULT_BYPASS);
        return start(upstream, UnaryOperator.identity(), marking(sink, CacheResult.CACHE_RESULT_BYPASS));
      }
      default -> {
        // Keys are built only for calls that use the cache.
      }
    }
    List<String> keys = new ArrayList<>(prepared.getInputsCount());
    for (int i = 0; i < prepared.getInputsCount(); i++) {
      keys.add(CacheKeys.embedding(decision.tenant(), scope.route().modelId(), scope.route().upstreamModel(),
          prepared, i));
    }
    if (decision.verdict() == CacheDecision.Verdict.REFRESH) {
      CacheMarks.trailer(scope, CacheResult.CACHE_RESULT_REFRESH);
      return start(upstream, UnaryOperator.identity(), new Merging(scope, sink, keys, new Embedding[keys.size()],
          allOf(keys.size()), CacheResult.CACHE_RESULT_REFRESH, decision.ttl()));
    }
    PendingCall pending = new PendingCall();
    Executor inCall = CallContexts.capture(sink::onError);
    cache.getAll(keys).whenComplete((values, error) -> inCall.execute(() -> {
      if (pending.isCancelled()) {
        return;
      }
      if (error != null) {
        metrics.error("unavailable");
        logger.log(Level.FINE, "response cache lookup skipped", error);
        CacheMarks.trailer(scope, CacheResult.CACHE_RESULT_UNAVAILABLE);
        pending.attach(start(upstream, UnaryOperator.identity(), marking(sink, CacheResult.CACHE_RESULT_UNAVAILABLE)));
        return;
      }
      pending.attach(lookedUp(scope, prepared, sink, upstream, keys, values, decision.ttl()));
    }));
    return pending;
  }

  private UpstreamCall lookedUp(CacheScope scope, EmbedRequest prepared, ResultSink<EmbedResponse> sink,
      Upstream<EmbedRequest, ResultSink<EmbedResponse>> upstream, List<String> keys, List<byte[]> values,
      Duration ttl) {
    Embedding[] merged = new Embedding[keys.size()];
    List<Integer> missing = new ArrayList<>();
    long oldest = Long.MAX_VALUE;
    for (int i = 0; i < keys.size(); i++) {
      byte[] stored = values.get(i);
      try {
        if (stored != null) {
          merged[i] = Embedding.parseFrom(StoredAnswer.body(stored)).toBuilder().setIndex(i).build();
          oldest = Math.min(oldest, StoredAnswer.storedAt(stored));
          metrics.bytesRead(stored.length);
          continue;
        }
      } catch (IOException e) {
        metrics.error("corrupt");
        logger.log(Level.WARNING, "unreadable response cache entry; embedding it again", e);
      }
      missing.add(i);
    }
    int cached = keys.size() - missing.size();
    metrics.hits(scope.method(), scope.route().modelId(), cached);
    metrics.misses(scope.method(), scope.route().modelId(), missing.size());
    if (missing.isEmpty()) {
      CacheMarks.trailer(scope, CacheResult.CACHE_RESULT_HIT);
      long inputTokens = 0;
      for (String input : prepared.getInputsList()) {
        inputTokens += TokenCounter.estimate(input);
      }
      marks.settleHit(scope, new CallUsage(inputTokens, 0, 0, false), "");
      sink.onSuccess(EmbedResponse.newBuilder().addAllEmbeddings(List.of(merged)).setUsage(Usage.getDefaultInstance())
          .setProvider(scope.route().provider()).setModel(scope.route().upstreamModel())
          .setCache(marks.hit(CacheResult.CACHE_RESULT_HIT, oldest, cached)).build());
      return UpstreamCall.DONE;
    }
    CacheResult result = cached == 0 ? CacheResult.CACHE_RESULT_MISS : CacheResult.CACHE_RESULT_PARTIAL;
    CacheMarks.trailer(scope, result);
    UnaryOperator<EmbedRequest> onlyMissing = request -> {
      EmbedRequest.Builder unknown = request.toBuilder().clearInputs();
      for (int i : missing) {
        unknown.addInputs(request.getInputs(i));
      }
      return unknown.build();
    };
    return start(upstream, onlyMissing, new Merging(scope, sink, keys, merged, missing, result, ttl));
  }

  private static List<Integer> allOf(int n) {
    List<Integer> all = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    return all;
  }

  private static ResultSink<EmbedResponse> marking(ResultSink<EmbedResponse> sink, CacheResult result) {
    return ResultSink.converting(sink, r -> r.toBuilder().setCache(CacheMarks.info(result)).build());
  }

  private static UpstreamCall start(Upstream<EmbedRequest, ResultSink<EmbedResponse>> upstream,
      UnaryOperator<EmbedRequest> adjust, ResultSink<EmbedResponse> sink) {
    return CompletionCaching.start(upstream, adjust, sink, sink::onError);
  }

  /** Puts the vectors that came from upstream in their inputs' places, and stores each of them. */
  private final class Merging implements ResultSink<EmbedResponse> {
    private final CacheScope scope;
    private final ResultSink<EmbedResponse> sink;
    private final List<String> keys;
    private final Embedding[] merged;
    private final List<Integer> sent;
    private final CacheResult result;
    private final Duration ttl;

    Merging(CacheScope scope, ResultSink<EmbedResponse> sink, List<String> keys, Embedding[] merged,
        List<Integer> sent, CacheResult result, Duration ttl) {
      this.scope = scope;
      this.sink = sink;
      this.keys = keys;
      this.merged = merged;
      this.sent = sent;
      this.result = result;
      this.ttl = ttl;
    }

    @Override
    public void onSuccess(EmbedResponse response) {
      boolean[] seen = new boolean[sent.size()];
      for (Embedding live : response.getEmbeddingsList()) {
        int index = live.getIndex();
        if (index < 0 || index >= seen.length || seen[index]) {
          seen = null;
          break;
        }
        seen[index] = true;
      }
      // Vectors merged into the wrong inputs, and cached that way, would be worse than a failed call.
      if (seen == null || response.getEmbeddingsCount() != sent.size()) {
        sink.onError(GatewayException.builder(ErrorKind.PROVIDER_PROTOCOL_ERROR, "the provider returned "
            + response.getEmbeddingsCount() + " embeddings (or bad indexes) for " + sent.size() + " inputs").build());
        return;
      }
      long now = marks.now();
      List<String> storeKeys = new ArrayList<>(sent.size());
      List<Supplier<byte[]>> storeValues = new ArrayList<>(sent.size());
      for (Embedding live : response.getEmbeddingsList()) {
        int original = sent.get(live.getIndex());
        merged[original] = live.toBuilder().setIndex(original).build();
        storeKeys.add(keys.get(original));
        storeValues.add(() -> StoredAnswer.of(now, live.toBuilder().clearIndex().build()));
      }
      // An answer from another provider (a fallback) is served, never stored under this model's keys.
      if (scope.servedByRoute()) {
        writer.writeAll(storeKeys, storeValues, ttl);
      }
      int cached = keys.size() - sent.size();
      sink.onSuccess(response.toBuilder().clearEmbeddings().addAllEmbeddings(List.of(merged))
          .setCache(CacheMarks.info(result).toBuilder().setCachedInputs(cached)).build());
    }

    @Override
    public void onError(GatewayException error) {
      sink.onError(error);
    }
  }
}
