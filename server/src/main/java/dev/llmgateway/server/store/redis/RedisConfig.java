package dev.llmgateway.server.store.redis;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.config.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where and how to reach Redis.
 *
 * @param mode how the endpoints are used
 * @param endpoints {@code host:port} (IPv6 as {@code [::1]:6379}): the one server for {@link Mode#STANDALONE},
 *     the sentinels for {@link Mode#SENTINEL}, seed nodes for {@link Mode#CLUSTER}
 * @param sentinelMaster the master's name, for {@link Mode#SENTINEL} only
 * @param username the ACL user, if any
 * @param password the password, if any
 * @param database the logical database; 0 in {@link Mode#CLUSTER}
 * @param ssl whether to connect with TLS
 * @param poolMaxTotal the most connections open at once, per server
 * @param connectTimeout how long opening a connection may take
 * @param socketTimeout how long one command may wait for its reply
 * @param poolMaxWait how long a call may wait for a free pooled connection before it fails
 */
public record RedisConfig(
    Mode mode,
    List<String> endpoints,
    Optional<String> sentinelMaster,
    Optional<Secret> username,
    Optional<Secret> password,
    int database,
    boolean ssl,
    int poolMaxTotal,
    Duration connectTimeout,
    Duration socketTimeout,
    Duration poolMaxWait) {
  /** How the endpoints are used. */
  public enum Mode {
    /** One server. */
    STANDALONE,
    /** Sentinels that name the current master. */
    SENTINEL,
    /** Seed nodes of a Redis Cluster. */
    CLUSTER
  }

  public RedisConfig {
    requireNonNull(mode, "mode");
    endpoints = List.copyOf(endpoints);
    requireNonNull(sentinelMaster, "sentinelMaster");
    requireNonNull(username, "username");
    requireNonNull(password, "password");
    requireNonNull(connectTimeout, "connectTimeout");
    requireNonNull(socketTimeout, "socketTimeout");
    requireNonNull(poolMaxWait, "poolMaxWait");
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("endpoints: empty (expected: at least one host:port)");
    }
    endpoints.forEach(RedisEndpoint::parse);
    if (mode == Mode.STANDALONE && endpoints.size() != 1) {
      throw new IllegalArgumentException("endpoints: " + endpoints + " (expected: exactly one in STANDALONE mode)");
    }
    if (mode == Mode.SENTINEL && sentinelMaster.filter(m -> !m.isBlank()).isEmpty()) {
      throw new IllegalArgumentException("sentinelMaster: missing (expected: the master's name in SENTINEL mode)");
    }
    if (mode != Mode.SENTINEL && sentinelMaster.isPresent()) {
      throw new IllegalArgumentException("sentinelMaster: set (expected: only in SENTINEL mode)");
    }
    if (database < 0 || (mode == Mode.CLUSTER && database != 0)) {
      throw new IllegalArgumentException("database: " + database
          + (mode == Mode.CLUSTER ? " (expected: 0 in CLUSTER mode)" : " (expected: >= 0)"));
    }
    if (poolMaxTotal < 1) {
      throw new IllegalArgumentException("poolMaxTotal: " + poolMaxTotal + " (expected: >= 1)");
    }
    requirePositiveMillis("connectTimeout", connectTimeout);
    requirePositiveMillis("socketTimeout", socketTimeout);
    requirePositiveMillis("poolMaxWait", poolMaxWait);
  }

  /** Returns a standalone configuration for {@code host:port} without credentials, with default pool and timeouts. */
  public static RedisConfig standalone(String endpoint) {
    return new RedisConfig(Mode.STANDALONE, List.of(endpoint), Optional.empty(), Optional.empty(),
        Optional.empty(), 0, false, 16, Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  /** Returns a copy with other connection and command timeouts. */
  public RedisConfig withTimeouts(Duration connectTimeout, Duration socketTimeout) {
    return new RedisConfig(mode, endpoints, sentinelMaster, username, password, database, ssl, poolMaxTotal,
        connectTimeout, socketTimeout, poolMaxWait);
  }

  private static void requirePositiveMillis(String name, Duration d) {
    // Jedis takes whole milliseconds as an int.
    if (d.toMillis() < 1 || d.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(name + ": " + d + " (expected: 1ms to 24 days)");
    }
  }
}
