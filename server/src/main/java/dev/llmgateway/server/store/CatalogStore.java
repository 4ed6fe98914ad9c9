package dev.llmgateway.server.store;

import java.util.List;

/**
 * Keeps the providers and catalogue entries added at run time, on top of the configuration file's.
 * Implementations are thread-safe. Every method may throw {@link StoreUnavailableException}.
 */
public interface CatalogStore {

  /** Creates or replaces the entry of the same kind and name; durable on return. */
  void put(RuntimeEntry entry);

  /** Deletes the entry of this kind and name; returns whether there was one. */
  boolean delete(RuntimeEntry.Kind kind, String name);

  /** Returns every entry of this kind, ordered by name. */
  List<RuntimeEntry> list(RuntimeEntry.Kind kind);
}
