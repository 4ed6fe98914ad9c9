package dev.llmgateway.server.store;

import java.util.function.Consumer;

/**
 * Tells every replica sharing a store about changes, so caches in front of the store drop what changed
 * rather than wait for their expiry. Delivery is best effort: a missed message delays a change only until the
 * listener's own expiry (at most one second for API keys). Implementations are thread-safe.
 */
public interface StoreChanges {

  /** Announces {@code change} to every subscriber, on this replica and the others. Never throws. */
  void publish(StoreChange change);

  /** Registers {@code listener} for every change announced from now on, on any replica. */
  void subscribe(Consumer<StoreChange> listener);
}
