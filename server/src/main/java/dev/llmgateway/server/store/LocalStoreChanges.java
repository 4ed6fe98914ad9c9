package dev.llmgateway.server.store;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Delivers changes to this process's subscribers only, for stores no other replica shares. */
public final class LocalStoreChanges implements StoreChanges {
  private final List<Consumer<StoreChange>> listeners = new CopyOnWriteArrayList<>();

  @Override
  public void publish(StoreChange change) {
    requireNonNull(change, "change");
    listeners.forEach(l -> l.accept(change));
  }

  @Override
  public void subscribe(Consumer<StoreChange> listener) {
    listeners.add(requireNonNull(listener, "listener"));
  }
}
