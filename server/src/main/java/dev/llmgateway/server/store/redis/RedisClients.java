package dev.llmgateway.server.store.redis;

import dev.llmgateway.server.config.Secret;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.SslOptions;
import redis.clients.jedis.UnifiedJedis;

/**
 * Builds the pooled Jedis client a {@link RedisConfig} describes: a {@link RedisClient}, a
 * {@link RedisSentinelClient} or a {@link RedisClusterClient}, all {@link UnifiedJedis}. The caller owns the
 * client and closes it at shutdown.
 */
public final class RedisClients {
  /** The name every connection reports in {@code CLIENT LIST}. */
  public static final String CLIENT_NAME = "llm-gateway";

  /** How often idle pooled connections are checked, so ones broken while Redis was away are dropped. */
  private static final Duration IDLE_CHECK_INTERVAL = Duration.ofSeconds(10);

  private RedisClients() {}

  /**
   * Returns a new client. A standalone or Sentinel client opens connections lazily; a Cluster client reads the
   * slot map from a seed node first, so it throws a Jedis exception when none answers.
   */
  public static UnifiedJedis create(RedisConfig config) {
    JedisClientConfig client = clientConfig(config, true);
    switch (config.mode()) {
      case STANDALONE:
        return RedisClient.builder()
            .hostAndPort(RedisEndpoint.parse(config.endpoints().get(0)))
            .clientConfig(client)
            .poolConfig(poolConfig(config))
            .build();
      case SENTINEL:
        return RedisSentinelClient.builder()
            .masterName(config.sentinelMaster().orElseThrow())
            .sentinels(hostsAndPorts(config))
            .clientConfig(client)
            .sentinelClientConfig(clientConfig(config, false))
            .poolConfig(poolConfig(config))
            .build();
      case CLUSTER:
        return RedisClusterClient.builder()
            .nodes(hostsAndPorts(config))
            .clientConfig(client)
            .poolConfig(poolConfig(config))
            .build();
      default:
        throw new IllegalArgumentException("mode: " + config.mode());
    }
  }

  /** Returns the connection settings; sentinels get no credentials or database, only timeouts and TLS. */
  static JedisClientConfig clientConfig(RedisConfig config, boolean dataNode) {
    DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis((int) config.connectTimeout().toMillis())
        .socketTimeoutMillis((int) config.socketTimeout().toMillis())
        .clientName(CLIENT_NAME);
    if (config.ssl()) {
      // The JVM's trust store, with host name verification.
      b.sslOptions(SslOptions.defaults());
    }
    if (dataNode) {
      b.database(config.database());
      config.username().map(Secret::reveal).ifPresent(b::user);
      config.password().map(Secret::reveal).ifPresent(b::password);
    }
    return b.build();
  }

  /** Returns the pool settings: bounded size and wait, idle connections checked in the background. */
  static ConnectionPoolConfig poolConfig(RedisConfig config) {
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(config.poolMaxTotal());
    pool.setMaxIdle(config.poolMaxTotal());
    pool.setMinIdle(0);
    pool.setBlockWhenExhausted(true);
    pool.setMaxWait(config.poolMaxWait());
    // Checking on every borrow would cost a round trip per call; a failed call already drops its connection.
    pool.setTestOnBorrow(false);
    pool.setTestWhileIdle(true);
    pool.setTimeBetweenEvictionRuns(IDLE_CHECK_INTERVAL);
    return pool;
  }

  private static Set<HostAndPort> hostsAndPorts(RedisConfig config) {
    Set<HostAndPort> result = new LinkedHashSet<>();
    config.endpoints().forEach(e -> result.add(RedisEndpoint.parse(e)));
    return result;
  }
}
