package dev.llmgateway.server.cache;

import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.v1.CacheResult;
import java.io.IOException;
import java.time.Duration;
import javax.annotation.Nullable;

/**
 * How one kind of completion (whole or streamed) is marked, stored and replayed.
 *
 * @param <S> the sink the answer goes to
 */
interface Answers<S> {
  /** The key kind, {@link CacheKeys#COMPLETE} or {@link CacheKeys#STREAM}. */
  String kind();

  /**
   * Returns a sink that marks the live answer with {@code result} and, when {@code key} is not null, stores
   * it under {@code key} for {@code ttl} once it completed successfully, if the call's own route served it.
   */
  S live(CacheScope scope, S sink, CacheResult result, @Nullable String key, Duration ttl);

  /**
   * Reads a stored answer and returns what serves it: settle the call as a hit, then deliver the answer
   * marked as one (a stream on a thread of its own, stopping if {@code call} is cancelled).
   *
   * @throws IOException when the stored answer cannot be read
   */
  Runnable replay(CacheScope scope, byte[] stored, S sink, PendingCall call) throws IOException;

  /** Ends the call with {@code error}. */
  void fail(S sink, GatewayException error);
}
