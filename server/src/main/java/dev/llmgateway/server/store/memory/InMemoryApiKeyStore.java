package dev.llmgateway.server.store.memory;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.store.ApiKeyRecord;
import dev.llmgateway.server.store.ApiKeyStore;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Keeps API-key records in this process behind one lock, indexed by id and by key hash (current and previous). */
public final class InMemoryApiKeyStore implements ApiKeyStore {
  private final Object lock = new Object();
  private final Map<String, ApiKeyRecord> byId = new TreeMap<>();
  private final Map<String, String> idByHashHex = new HashMap<>();

  @Override
  public Optional<ApiKeyRecord> findByHash(byte[] keyHash) {
    String hex = HexFormat.of().formatHex(requireNonNull(keyHash, "keyHash"));
    synchronized (lock) {
      return Optional.ofNullable(idByHashHex.get(hex)).map(byId::get);
    }
  }

  @Override
  public void put(ApiKeyRecord record) {
    requireNonNull(record, "record");
    synchronized (lock) {
      for (String hex : record.hashesHex()) {
        String holder = idByHashHex.get(hex);
        if (holder != null && !holder.equals(record.id())) {
          throw new IllegalArgumentException("keyHash: already used by key " + holder);
        }
      }
      ApiKeyRecord previous = byId.put(record.id(), record);
      if (previous != null) {
        previous.hashesHex().forEach(idByHashHex::remove);
      }
      record.hashesHex().forEach(hex -> idByHashHex.put(hex, record.id()));
    }
  }

  @Override
  public boolean delete(String id) {
    requireNonNull(id, "id");
    synchronized (lock) {
      ApiKeyRecord removed = byId.remove(id);
      if (removed == null) {
        return false;
      }
      removed.hashesHex().forEach(idByHashHex::remove);
      return true;
    }
  }

  @Override
  public Optional<ApiKeyRecord> get(String id) {
    requireNonNull(id, "id");
    synchronized (lock) {
      return Optional.ofNullable(byId.get(id));
    }
  }

  @Override
  public List<ApiKeyRecord> list() {
    synchronized (lock) {
      return List.copyOf(byId.values());
    }
  }

  @Override
  public boolean isEmpty() {
    synchronized (lock) {
      return byId.isEmpty();
    }
  }
}
