package dev.llmgateway.server.store.redis;

import javax.annotation.Nullable;
import redis.clients.jedis.HostAndPort;

/** Parses {@code host:port} endpoints, IPv6 hosts in brackets. */
final class RedisEndpoint {
  private RedisEndpoint() {}

  /** Returns the host and port of {@code endpoint}, or throws naming what is wrong with it. */
  static HostAndPort parse(String endpoint) {
    int colon = endpoint.lastIndexOf(':');
    if (colon <= 0) {
      throw invalid(endpoint, null);
    }
    String host = endpoint.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(endpoint.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw invalid(endpoint, e);
    }
    if (host.isBlank() || port < 1 || port > 65535) {
      throw invalid(endpoint, null);
    }
    return new HostAndPort(host, port);
  }

  private static IllegalArgumentException invalid(String endpoint, @Nullable Throwable cause) {
    return new IllegalArgumentException("endpoints: \"" + endpoint + "\" (expected: host:port)", cause);
  }
}
