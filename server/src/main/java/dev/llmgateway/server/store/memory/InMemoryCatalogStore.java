package dev.llmgateway.server.store.memory;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.store.CatalogStore;
import dev.llmgateway.server.store.RuntimeEntry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Keeps the run-time catalogue in this process behind one lock. */
public final class InMemoryCatalogStore implements CatalogStore {
  private final Map<RuntimeEntry.Kind, Map<String, RuntimeEntry>> entries = new EnumMap<>(RuntimeEntry.Kind.class);

  public InMemoryCatalogStore() {
    for (RuntimeEntry.Kind kind : RuntimeEntry.Kind.values()) {
      entries.put(kind, new TreeMap<>());
    }
  }

  @Override
  public synchronized void put(RuntimeEntry entry) {
    requireNonNull(entry, "entry");
    entries.get(entry.kind()).put(entry.name(), entry);
  }

  @Override
  public synchronized boolean delete(RuntimeEntry.Kind kind, String name) {
    return entries.get(requireNonNull(kind, "kind")).remove(requireNonNull(name, "name")) != null;
  }

  @Override
  public synchronized List<RuntimeEntry> list(RuntimeEntry.Kind kind) {
    return List.copyOf(entries.get(requireNonNull(kind, "kind")).values());
  }
}
