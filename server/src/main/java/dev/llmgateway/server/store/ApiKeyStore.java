package dev.llmgateway.server.store;

import java.util.List;
import java.util.Optional;

/**
 * Holds API-key records, found by the keyed hash of a presented key. Implementations are thread-safe. Every
 * method may throw {@link StoreUnavailableException}.
 */
public interface ApiKeyStore {

  /**
   * Returns the record whose key hash, or previous key hash ({@link ApiKeyRecord#previousKey}, whether or not
   * it still works), is {@code keyHash}, if any.
   */
  Optional<ApiKeyRecord> findByHash(byte[] keyHash);

  /**
   * Creates or replaces the record with the record's id; a changed key hash (or previous key hash) replaces
   * the old one, which then finds nothing.
   *
   * @throws IllegalArgumentException when another record already has one of its hashes
   */
  void put(ApiKeyRecord record);

  /** Deletes the record with this id and its hashes; returns whether there was one. */
  boolean delete(String id);

  /** Returns the record with this id, if any. */
  Optional<ApiKeyRecord> get(String id);

  /** Returns every record, ordered by id. */
  List<ApiKeyRecord> list();

  /** Returns whether no record exists, so start-up can offer to issue a first admin key. */
  boolean isEmpty();
}
