package dev.llmgateway.server.cache;

import dev.llmgateway.server.providers.UpstreamCall;

/**
 * Starts the upstream call the cache could not answer, with the request to send (for Embed, only the inputs
 * the cache lacked) and the sink that receives its outcome.
 *
 * @param <Q> the request type
 * @param <S> the sink type
 */
@FunctionalInterface
public interface Upstream<Q, S> {
  /**
   * Starts the call.
   *
   * @throws dev.llmgateway.server.errors.GatewayException when the call cannot start (e.g. no time is left)
   */
  UpstreamCall start(Q request, S sink);
}
