package dev.llmgateway.server.store.redis;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.store.ApiKeyRecord;
import dev.llmgateway.server.store.ApiKeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Keeps API-key records in Redis: one hash per key ({@link RedisKeys#apiKey}) and one index hash from key hash
 * to id ({@link RedisKeys#API_KEY_BY_HASH}), which also lists and counts the keys. Records never expire.
 * A record is written before its index entry, so a lookup never finds an entry without its record.
 */
public final class RedisApiKeyStore implements ApiKeyStore {
  private final UnifiedJedis redis;

  public RedisApiKeyStore(UnifiedJedis redis) {
    this.redis = requireNonNull(redis, "redis");
  }

  @Override
  public Optional<ApiKeyRecord> findByHash(byte[] keyHash) {
    String hex = HexFormat.of().formatHex(requireNonNull(keyHash, "keyHash"));
    return RedisCalls.call(redis, "api key lookup", () -> {
      String id = redis.hget(RedisKeys.API_KEY_BY_HASH, hex);
      if (id == null) {
        return Optional.<ApiKeyRecord>empty();
      }
      // An entry left behind by an interrupted key rotation points at a record with another hash.
      return ApiKeyFields.decode(redis.hgetAll(RedisKeys.apiKey(id)))
          .filter(r -> Arrays.equals(r.keyHash(), keyHash));
    });
  }

  @Override
  public void put(ApiKeyRecord record) {
    requireNonNull(record, "record");
    String key = RedisKeys.apiKey(record.id());
    String hex = record.keyHashHex();
    RedisCalls.run(redis, "api key put", () -> {
      String holder = redis.hget(RedisKeys.API_KEY_BY_HASH, hex);
      if (holder != null && !holder.equals(record.id())) {
        throw new IllegalArgumentException("keyHash: already used by key " + holder);
      }
      String previousHex = redis.hget(key, ApiKeyFields.KEY_HASH);
      List<Response<?>> replies = new ArrayList<>();
      try (AbstractPipeline p = redis.pipelined()) {
        replies.add(p.hset(key, ApiKeyFields.encode(record)));
        if (record.expiresAt().isEmpty()) {
          replies.add(p.hdel(key, ApiKeyFields.EXPIRES_AT));
        }
        replies.add(p.hset(RedisKeys.API_KEY_BY_HASH, hex, record.id()));
        if (previousHex != null && !previousHex.equals(hex)) {
          replies.add(p.hdel(RedisKeys.API_KEY_BY_HASH, previousHex));
        }
        p.sync();
      }
      RedisCalls.checkReplies(replies);
    });
  }

  @Override
  public Optional<ApiKeyRecord> get(String id) {
    requireNonNull(id, "id");
    return RedisCalls.call(redis, "api key get", () -> ApiKeyFields.decode(redis.hgetAll(RedisKeys.apiKey(id))));
  }

  @Override
  public List<ApiKeyRecord> list() {
    return RedisCalls.call(redis, "api key list", () -> {
      List<Response<Map<String, String>>> hashes = new ArrayList<>();
      // Sorted and without the duplicate an interrupted key rotation can leave.
      Set<String> ids = new TreeSet<>(redis.hvals(RedisKeys.API_KEY_BY_HASH));
      try (AbstractPipeline p = redis.pipelined()) {
        for (String id : ids) {
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
    return RedisCalls.call(redis, "api key count", () -> redis.hlen(RedisKeys.API_KEY_BY_HASH) == 0);
  }
}
