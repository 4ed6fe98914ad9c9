package dev.llmgateway.server.store;

import java.util.List;
import java.util.Optional;

/**
 * Holds API-key records, found by the keyed hash of a presented key. Implementations are thread-safe. Every
 * method may throw {@link StoreUnavailableException}.
 */
public interface ApiKeyStore {

  /** Returns the record whose key hash is {@code keyHash}, if any. */
  Optional<ApiKeyRecord> findByHash(byte[] keyHash);

  /**
   * Creates or replaces the record with the record's id; a changed key hash replaces the old one, which then
   * finds nothing.
   *
   * @throws IllegalArgumentException when another record already has this key hash
   */
  void put(ApiKeyRecord record);

  /** Returns the record with this id, if any. */
  Optional<ApiKeyRecord> get(String id);

  /** Returns every record, ordered by id. */
  List<ApiKeyRecord> list();

  /** Returns whether no record exists, so start-up can offer to issue a first admin key. */
  boolean isEmpty();
}
