package dev.llmgateway.server.store;

import static java.util.Objects.requireNonNull;

/**
 * A change another replica must learn of: an API key created, changed or deleted, or the run-time catalogue
 * changed.
 *
 * @param kind what changed
 * @param id the key id for {@link Kind#API_KEY}; empty for {@link Kind#CATALOG}
 */
public record StoreChange(Kind kind, String id) {
  /** What changed. */
  public enum Kind {
    /** One API key. */
    API_KEY,
    /** The run-time providers or models. */
    CATALOG
  }

  public StoreChange {
    requireNonNull(kind, "kind");
    requireNonNull(id, "id");
  }

  /** Returns the change of one API key. */
  public static StoreChange apiKey(String id) {
    return new StoreChange(Kind.API_KEY, id);
  }

  /** Returns a change of the run-time catalogue. */
  public static StoreChange catalog() {
    return new StoreChange(Kind.CATALOG, "");
  }
}
