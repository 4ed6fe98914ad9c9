package dev.llmgateway.server.config;

import java.time.Duration;

/**
 * The gRPC listener.
 *
 * @param host the address to bind, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
 * @param port the port to bind; 0 picks a free one
 * @param shutdownGrace how long in-flight calls may run after a shutdown signal before they are cancelled
 * @param maxInboundMessageBytes the largest request message accepted
 * @param reflection whether server reflection is offered (for grpcurl and buf curl)
 */
public record ServerConfig(
    String host, int port, Duration shutdownGrace, int maxInboundMessageBytes, boolean reflection) {

  /** Returns a copy listening on {@code host:port}. */
  public ServerConfig withListen(String host, int port) {
    return new ServerConfig(host, port, shutdownGrace, maxInboundMessageBytes, reflection);
  }
}
