package dev.llmgateway.server.store.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.store.ApiKeyStoreContractTest;
import dev.llmgateway.server.store.QuotaCharge;
import dev.llmgateway.server.store.QuotaLimit;
import dev.llmgateway.server.store.StoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;

/** A Sentinel-mode client finds the master through a real sentinel and the stores work through it. */
class RedisSentinelTest {
  private static final String MASTER = "gateway";

  @RegisterExtension
  static final RedisServerExtension redis = new RedisServerExtension();

  @TempDir
  static Path dir;

  private static RedisProcess sentinel;

  @BeforeAll
  static void startSentinel() throws IOException {
    int port = RedisServerExtension.freePort();
    Path conf = dir.resolve("sentinel.conf");
    // Sentinel rewrites its configuration file, so it must be a writable file of its own.
    Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\nsentinel monitor " + MASTER + " "
        + redis.endpoint().replace(':', ' ') + " 1\n", UTF_8);
    sentinel = new RedisProcess(RedisServerExtension.findBinary(), dir, port,
        List.of(conf.toString(), "--sentinel"), "+monitor master " + MASTER);
    sentinel.start();
  }

  @AfterAll
  static void stopSentinel() {
    sentinel.kill();
  }

  @Test
  void reachesTheMasterTheSentinelNames() {
    RedisConfig config = new RedisConfig(RedisConfig.Mode.SENTINEL, List.of("127.0.0.1:" + sentinel.port()),
        Optional.of(MASTER), Optional.empty(), Optional.empty(), 0, false, 4, Duration.ofSeconds(2),
        Duration.ofSeconds(2), Duration.ofSeconds(2));

    try (UnifiedJedis client = RedisClients.create(config)) {
      assertThat(client).isInstanceOf(RedisSentinelClient.class);
      assertThat(((RedisSentinelClient) client).getCurrentMaster().toString()).isEqualTo(redis.endpoint());
      new RedisApiKeyStore(client).put(ApiKeyStoreContractTest.record("key_1", 1));
      new RedisQuotaStore(client, StoreSettings.defaults()).acquire("key_1",
          List.of(QuotaCharge.of(QuotaLimit.window("rpm", Duration.ofMinutes(1), 5), 1)), "req-1",
          Instant.parse("2024-05-01T12:00:30Z"));
    }

    assertThat(redis.admin().exists("gw:v1:apikey:{key_1}")).isTrue();
    assertThat(redis.admin().get("gw:v1:quota:{key_1}:rpm:1714564800")).isEqualTo("1");
  }
}
