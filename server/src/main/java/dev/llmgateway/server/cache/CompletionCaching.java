package dev.llmgateway.server.cache;

import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.v1.CacheResult;
import dev.llmgateway.v1.CompleteRequest;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Serves one completion through the cache: decide, then bypass, refresh, or look up and either replay the
 * stored answer or go upstream and store the live one. Complete and CompleteStream keep separate entries
 * (key kinds {@code complete} and {@code stream}): a stream is replayed chunk for chunk as it was received,
 * which a whole answer cannot reproduce.
 */
final class CompletionCaching {
  private static final Logger logger = Logger.getLogger(CompletionCaching.class.getName());

  private final CachePolicy policy;
  private final ResponseCache cache;
  private final CacheMetrics metrics;

  CompletionCaching(CachePolicy policy, ResponseCache cache, CacheMetrics metrics) {
    this.policy = policy;
    this.cache = cache;
    this.metrics = metrics;
  }

  <S> UpstreamCall serve(CacheScope scope, CompleteRequest prepared, S sink, Upstream<CompleteRequest, S> upstream,
      Answers<S> answers) {
    CacheDecision decision;
    try {
      decision = policy.decide(scope.route().modelId(),
          CachePolicy.temperatureOf(prepared.hasTemperature(), prepared.getTemperature()));
    } catch (GatewayException e) {
      answers.fail(sink, e);
      return UpstreamCall.DONE;
    }
    switch (decision.verdict()) {
      case OFF -> {
        return start(upstream, UnaryOperator.identity(), sink, e -> answers.fail(sink, e));
      }
      case BYPASS -> {
        return goUpstream(scope, prepared, sink, upstream, answers, CacheResult.CACHE_RESULT_BYPASS, null, decision);
      }
      default -> {
        // Keys are built only for calls that use the cache: hashing a long prompt is not free.
      }
    }
    String key = CacheKeys.completion(answers.kind(), decision.tenant(), scope.route().modelId(),
        scope.route().upstreamModel(), prepared);
    if (decision.verdict() == CacheDecision.Verdict.REFRESH) {
      return goUpstream(scope, prepared, sink, upstream, answers, CacheResult.CACHE_RESULT_REFRESH, key, decision);
    }
    PendingCall pending = new PendingCall();
    Executor inCall = CallContexts.capture(e -> answers.fail(sink, e));
    cache.getAll(List.of(key)).whenComplete((values, error) -> inCall.execute(() -> {
      if (pending.isCancelled()) {
        return;
      }
      if (error != null) {
        metrics.error("unavailable");
        logger.log(Level.FINE, "response cache lookup skipped", error);
        pending.attach(goUpstream(scope, prepared, sink, upstream, answers, CacheResult.CACHE_RESULT_UNAVAILABLE,
            null, decision));
        return;
      }
      byte[] stored = values.get(0);
      if (stored != null && replayed(scope, stored, sink, pending, answers)) {
        return;
      }
      metrics.misses(scope.method(), scope.route().modelId(), 1);
      pending.attach(goUpstream(scope, prepared, sink, upstream, answers, CacheResult.CACHE_RESULT_MISS, key,
          decision));
    }));
    return pending;
  }

  private <S> boolean replayed(CacheScope scope, byte[] stored, S sink, PendingCall pending, Answers<S> answers) {
    Runnable delivery;
    try {
      delivery = answers.replay(scope, stored, sink, pending);
    } catch (IOException e) {
      // A corrupt entry is a miss; the live answer will overwrite it.
      metrics.error("corrupt");
      logger.log(Level.WARNING, "unreadable response cache entry; serving from the provider", e);
      return false;
    }
    metrics.hits(scope.method(), scope.route().modelId(), 1);
    metrics.bytesRead(stored.length);
    CacheMarks.trailer(scope, CacheResult.CACHE_RESULT_HIT);
    delivery.run();
    return true;
  }

  private static <S> UpstreamCall goUpstream(CacheScope scope, CompleteRequest prepared, S sink,
      Upstream<CompleteRequest, S> upstream, Answers<S> answers, CacheResult result, @Nullable String key,
      CacheDecision decision) {
    CacheMarks.trailer(scope, result);
    return start(upstream, UnaryOperator.identity(), answers.live(scope, sink, result, key, decision.ttl()),
        e -> answers.fail(sink, e));
  }

  /** Starts the upstream call; one that cannot start ends the call through {@code fail}, which settles it. */
  static <Q, S> UpstreamCall start(Upstream<Q, S> upstream, UnaryOperator<Q> adjust, S sink,
      Consumer<GatewayException> fail) {
    try {
      return upstream.start(adjust, sink);
    } catch (GatewayException e) {
      fail.accept(e);
      return UpstreamCall.DONE;
    }
  }
}
