package dev.llmgateway.server.cache;

import dev.llmgateway.server.providers.UpstreamCall;
import java.util.function.UnaryOperator;

/**
 * Starts the upstream call the cache could not answer.
 *
 * @param <Q> the request type
 * @param <S> the sink type
 */
@FunctionalInterface
public interface Upstream<Q, S> {
  /**
   * Starts the call.
   *
   * @param adjust what to do to the prepared request (of each deployment tried, where there are several) before
   *     it is sent: nothing for completions; for Embed, keep only the inputs the cache lacked, in order
   * @param sink receives the outcome
   * @throws dev.llmgateway.server.errors.GatewayException when the call cannot start (e.g. no time is left)
   */
  UpstreamCall start(UnaryOperator<Q> adjust, S sink);
}
