package dev.llmgateway.server.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmgateway.server.store.StoreChange;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/**
 * Changes published by one replica reach the others' listeners; after Redis comes back from an outage, during
 * which messages were lost, listeners are told that anything may have changed.
 */
class RedisStoreChangesTest {
  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();
  private static final Duration WITHIN = Duration.ofSeconds(10);

  @Test
  void deliversChangesToEveryReplicaAndEverythingAfterAReconnect() {
    UnifiedJedis firstClient = redis.newClient();
    UnifiedJedis secondClient = redis.newClient();
    List<StoreChange> seen = new CopyOnWriteArrayList<>();
    try (RedisStoreChanges first = new RedisStoreChanges(firstClient);
        RedisStoreChanges second = new RedisStoreChanges(secondClient)) {
      second.subscribe(seen::add);
      second.start();
      // Every subscription starts by saying anything may have changed.
      await().atMost(WITHIN).until(() -> seen.contains(StoreChange.apiKey("")));
      seen.clear();

      first.publish(StoreChange.apiKey("team-a"));
      first.publish(StoreChange.catalog());

      await().atMost(WITHIN).until(() -> seen.size() >= 2);
      assertThat(seen).containsExactly(StoreChange.apiKey("team-a"), StoreChange.catalog());
      seen.clear();

      redis.stop();
      redis.start();

      await().atMost(WITHIN).until(() -> seen.contains(StoreChange.apiKey("")) && seen.contains(StoreChange.catalog()));
      seen.clear();
      first.publish(StoreChange.apiKey("team-b"));
      await().atMost(WITHIN).until(() -> seen.contains(StoreChange.apiKey("team-b")));
    }
  }
}
