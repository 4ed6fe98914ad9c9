package dev.llmgateway.server.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** A Redis that accepts connections but never answers delays a lookup by the lookup timeout, not the socket's. */
class RedisLookupTimeoutTest {
  private ServerSocket silent;
  private final List<Socket> accepted = new ArrayList<>();
  private final ExecutorService acceptor = Executors.newSingleThreadExecutor();
  private final ExecutorService lookups = Executors.newFixedThreadPool(2);
  private UnifiedJedis redis;

  @BeforeEach
  void startSilentServer() throws IOException {
    silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor.submit(() -> {
      while (!silent.isClosed()) {
        accepted.add(silent.accept());
      }
      return null;
    });
    redis = RedisClient.builder().hostAndPort(new HostAndPort("127.0.0.1", silent.getLocalPort()))
        .clientConfig(DefaultJedisClientConfig.builder().socketTimeoutMillis(10_000).connectionTimeoutMillis(2_000)
            .build())
        .build();
  }

  @AfterEach
  void stop() throws IOException, InterruptedException {
    redis.close();
    silent.close();
    for (Socket s : accepted) {
      s.close();
    }
    acceptor.shutdownNow();
    lookups.shutdownNow();
    assertThat(lookups.awaitTermination(15, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aLookupGivesUpAfterTheLookupTimeout() {
    RedisResponseCache cache = new RedisResponseCache(redis, lookups, Duration.ofMillis(200));

    long start = System.nanoTime();
    Throwable error = catchThrowable(() -> cache.getAll(List.of("k1", "k2")).join());
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(error).isInstanceOf(CompletionException.class).hasCauseInstanceOf(CacheUnavailableException.class);
    assertThat(error.getCause()).hasMessageContaining("timed out");
    // 200 ms asked for; the socket would have waited 10 s. Generous for a loaded machine.
    assertThat(elapsedMillis).isBetween(150L, 5_000L);
  }
}
