package dev.llmgateway.server.cache;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.accounting.CallUsage;
import dev.llmgateway.server.edge.GatewayHeaders;
import dev.llmgateway.v1.CacheInfo;
import dev.llmgateway.v1.CacheResult;
import java.time.Clock;
import java.util.Locale;

/** Marks a call with the cache's verdict (response field and {@code x-cache} trailer) and settles hits. */
@Singleton
final class CacheMarks {
  private static final String PREFIX = "CACHE_RESULT_";

  private final Clock clock;
  private final CachePolicy policy;

  @Inject
  CacheMarks(Clock clock, CachePolicy policy) {
    this.clock = clock;
    this.policy = policy;
  }

  /** Returns the verdict without an age. */
  static CacheInfo info(CacheResult result) {
    return CacheInfo.newBuilder().setResult(result).build();
  }

  /** Returns a hit's verdict, aged from when the answer was stored. */
  CacheInfo hit(CacheResult result, long storedAtMillis, int cachedInputs) {
    long age = Math.max(0, clock.millis() - storedAtMillis);
    return CacheInfo.newBuilder().setResult(result).setAge(com.google.protobuf.Duration.newBuilder()
        .setSeconds(age / 1000).setNanos((int) (age % 1000) * 1_000_000)).setCachedInputs(cachedInputs)
        .build();
  }

  /** Returns the time to stamp on an answer stored now. */
  long now() {
    return clock.millis();
  }

  /** Sets the {@code x-cache} trailer: the result's name in lower case, e.g. {@code hit}. */
  static void trailer(CacheScope scope, CacheResult result) {
    String name = result.name().substring(PREFIX.length()).toLowerCase(Locale.ROOT);
    scope.metadata().addTrailer(GatewayHeaders.X_CACHE, name);
  }

  /**
   * Settles a call the cache answered entirely: a request against the quotas and, only with
   * {@code charge-tokens-on-hit}, the answer's original tokens; never upstream time.
   */
  void settleHit(CacheScope scope, CallUsage original, String finishReason) {
    scope.account().settle("OK", policy.chargeTokensOnHit() ? original : CallUsage.NONE, finishReason);
  }
}
