package dev.llmgateway.server.store.redis;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.config.Secret;
import dev.llmgateway.server.store.CatalogStore;
import dev.llmgateway.server.store.RuntimeEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * Keeps the run-time catalogue in Redis: per kind, three hashes keyed by name ({@link RedisKeys#catalog}) for
 * the specification, the credential and the update time, all under the {@code {catalog}} hash tag. The
 * specification is written last on put and removed first on delete, so it decides whether an entry exists.
 */
public final class RedisCatalogStore implements CatalogStore {
  private static final String SPEC = "spec";
  private static final String CREDENTIAL = "credential";
  private static final String UPDATED = "updated";

  private final UnifiedJedis redis;

  public RedisCatalogStore(UnifiedJedis redis) {
    this.redis = requireNonNull(redis, "redis");
  }

  @Override
  public void put(RuntimeEntry entry) {
    requireNonNull(entry, "entry");
    String kind = entry.kind().name();
    RedisCalls.run(redis, "catalog put", () -> {
      List<Response<?>> replies = new ArrayList<>();
      try (AbstractPipeline p = redis.pipelined()) {
        if (entry.credential().isPresent()) {
          replies.add(p.hset(RedisKeys.catalog(kind, CREDENTIAL), entry.name(), entry.credential().get().reveal()));
        } else {
          replies.add(p.hdel(RedisKeys.catalog(kind, CREDENTIAL), entry.name()));
        }
        replies.add(p.hset(RedisKeys.catalog(kind, UPDATED), entry.name(), entry.updatedAt().toString()));
        replies.add(p.hset(RedisKeys.catalog(kind, SPEC), entry.name(),
            Base64.getEncoder().encodeToString(entry.spec())));
        p.sync();
      }
      RedisCalls.checkReplies(replies);
    });
  }

  @Override
  public boolean delete(RuntimeEntry.Kind kind, String name) {
    requireNonNull(kind, "kind");
    requireNonNull(name, "name");
    return RedisCalls.call(redis, "catalog delete", () -> {
      boolean existed = redis.hdel(RedisKeys.catalog(kind.name(), SPEC), name) > 0;
      redis.hdel(RedisKeys.catalog(kind.name(), CREDENTIAL), name);
      redis.hdel(RedisKeys.catalog(kind.name(), UPDATED), name);
      return existed;
    });
  }

  @Override
  public List<RuntimeEntry> list(RuntimeEntry.Kind kind) {
    requireNonNull(kind, "kind");
    return RedisCalls.call(redis, "catalog list", () -> {
      Response<Map<String, String>> specs;
      Response<Map<String, String>> credentials;
      Response<Map<String, String>> updated;
      try (AbstractPipeline p = redis.pipelined()) {
        specs = p.hgetAll(RedisKeys.catalog(kind.name(), SPEC));
        credentials = p.hgetAll(RedisKeys.catalog(kind.name(), CREDENTIAL));
        updated = p.hgetAll(RedisKeys.catalog(kind.name(), UPDATED));
        p.sync();
      }
      List<RuntimeEntry> out = new ArrayList<>();
      for (Map.Entry<String, String> e : new TreeMap<>(specs.get()).entrySet()) {
        String when = updated.get().get(e.getKey());
        out.add(new RuntimeEntry(kind, e.getKey(), Base64.getDecoder().decode(e.getValue()),
            Optional.ofNullable(credentials.get().get(e.getKey())).map(Secret::new),
            when == null ? Instant.EPOCH : Instant.parse(when)));
      }
      return List.copyOf(out);
    });
  }
}
