package dev.llmgateway.server.cache;

import dev.llmgateway.server.accounting.CallAccount;
import dev.llmgateway.server.edge.ResponseMetadata;
import dev.llmgateway.server.routing.Route;

/**
 * The call a cache decision is for.
 *
 * @param method the RPC's short name, e.g. {@code Complete}
 * @param route where the call goes
 * @param account the call's admitted account, settled early (with no tokens, by default) on a hit
 * @param metadata the call's response metadata, for the {@code x-cache} trailer
 */
public record CacheScope(String method, Route route, CallAccount account, ResponseMetadata metadata) {
  /**
   * Returns whether the answer came from this call's own model, on any of its deployments: one served by a
   * fallback model must not be stored under this model's key.
   */
  boolean servedByRoute() {
    return account.servedModel().equals(route.modelId());
  }
}
