package dev.llmgateway.server.store.redis;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.store.ApiKeyRecord;
import dev.llmgateway.server.store.ApiKeyStore;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import javax.annotation.Nullable;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Keeps API-key records in Redis: one hash per key ({@link RedisKeys#apiKey}), an index hash from key hash
 * (current and previous) to id ({@link RedisKeys#API_KEY_BY_HASH}) and the set of ids
 * ({@link RedisKeys#API_KEY_IDS}). Records never expire. A record is written before its index entries, so a
 * lookup never finds an entry without its record. Needs the layout migrated ({@link RedisSchema}).
 */
public final class RedisApiKeyStore implements ApiKeyStore {
  private final UnifiedJedis redis;
  @Nullable private final RedisSchema schema;

  /** Creates a store that has {@code schema} migrate the layout before its first use. */
  public RedisApiKeyStore(UnifiedJedis redis, RedisSchema schema) {
    this.redis = requireNonNull(redis, "redis");
    this.schema = requireNonNull(schema, "schema");
  }

  /** Creates a store on a database already at the current layout (or empty). */
  public RedisApiKeyStore(UnifiedJedis redis) {
    this.redis = requireNonNull(redis, "redis");
    this.schema = null;
  }

  private void migrated() {
    if (schema != null) {
      schema.migrate();
    }
  }

  @Override
  public Optional<ApiKeyRecord> findByHash(byte[] keyHash) {
    migrated();
    String hex = HexFormat.of().formatHex(requireNonNull(keyHash, "keyHash"));
    return RedisCalls.call(redis, "api key lookup", () -> {
      String id = redis.hget(RedisKeys.API_KEY_BY_HASH, hex);
      if (id == null) {
        return Optional.<ApiKeyRecord>empty();
      }
      // An entry left behind by an interrupted key rotation points at a record with other hashes.
      return ApiKeyFields.decode(redis.hgetAll(RedisKeys.apiKey(id))).filter(r -> r.hashesHex().contains(hex));
    });
  }

  @Override
  public void put(ApiKeyRecord record) {
    migrated();
    requireNonNull(record, "record");
    String key = RedisKeys.apiKey(record.id());
    List<String> hashes = record.hashesHex();
    RedisCalls.run(redis, "api key put", () -> {
      for (String hex : hashes) {
        String holder = redis.hget(RedisKeys.API_KEY_BY_HASH, hex);
        if (holder != null && !holder.equals(record.id())) {
          throw new IllegalArgumentException("keyHash: already used by key " + holder);
        }
      }
      List<String> stale = ApiKeyFields.decode(redis.hgetAll(key)).map(ApiKeyRecord::hashesHex).orElse(List.of())
          .stream().filter(h -> !hashes.contains(h)).toList();
      Map<String, String> fields = ApiKeyFields.encode(record);
      List<Response<?>> replies = new ArrayList<>();
      try (AbstractPipeline p = redis.pipelined()) {
        replies.add(p.hset(key, fields));
        for (String optional : ApiKeyFields.OPTIONAL) {
          if (!fields.containsKey(optional)) {
            replies.add(p.hdel(key, optional));
          }
        }
        for (String hex : hashes) {
          replies.add(p.hset(RedisKeys.API_KEY_BY_HASH, hex, record.id()));
        }
        replies.add(p.sadd(RedisKeys.API_KEY_IDS, record.id()));
        if (!stale.isEmpty()) {
          replies.add(p.hdel(RedisKeys.API_KEY_BY_HASH, stale.toArray(String[]::new)));
        }
        p.sync();
      }
      RedisCalls.checkReplies(replies);
    });
  }

  @Override
  public boolean delete(String id) {
    migrated();
    requireNonNull(id, "id");
    String key = RedisKeys.apiKey(id);
    return RedisCalls.call(redis, "api key delete", () -> {
      Optional<ApiKeyRecord> existing = ApiKeyFields.decode(redis.hgetAll(key));
      if (existing.isEmpty()) {
        return false;
      }
      List<Response<?>> replies = new ArrayList<>();
      try (AbstractPipeline p = redis.pipelined()) {
        // Index entries first: a lookup racing with the delete then finds nothing rather than a half record.
        replies.add(p.hdel(RedisKeys.API_KEY_BY_HASH, existing.get().hashesHex().toArray(String[]::new)));
        replies.add(p.srem(RedisKeys.API_KEY_IDS, id));
        replies.add(p.del(key));
        p.sync();
      }
      RedisCalls.checkReplies(replies);
      return true;
    });
  }

  @Override
  public Optional<ApiKeyRecord> get(String id) {
    migrated();
    requireNonNull(id, "id");
    return RedisCalls.call(redis, "api key get", () -> ApiKeyFields.decode(redis.hgetAll(RedisKeys.apiKey(id))));
  }

  @Override
  public List<ApiKeyRecord> list() {
    migrated();
    return RedisCalls.call(redis, "api key list", () -> {
      List<Response<Map<String, String>>> hashes = new ArrayList<>();
      try (AbstractPipeline p = redis.pipelined()) {
        for (String id : new TreeSet<>(redis.smembers(RedisKeys.API_KEY_IDS))) {
          hashes.add(p.hgetAll(RedisKeys.apiKey(id)));
        }
        p.sync();
      }
      List<ApiKeyRecord> records = new ArrayList<>();
      for (Response<Map<String, String>> hash : hashes) {
        ApiKeyFields.decode(hash.get()).ifPresent(records::add);
      }
      return List.copyOf(records);
    });
  }

  @Override
  public boolean isEmpty() {
    migrated();
    return RedisCalls.call(redis, "api key count", () -> redis.scard(RedisKeys.API_KEY_IDS) == 0);
  }
}
