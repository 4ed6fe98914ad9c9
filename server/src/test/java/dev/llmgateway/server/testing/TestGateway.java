package dev.llmgateway.server.testing;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import dev.llmgateway.server.GatewayModules;
import dev.llmgateway.server.GatewayServer;
import dev.llmgateway.server.config.ConfigLoader;
import dev.llmgateway.server.config.GatewayConfig;
import dev.llmgateway.v1.GatewayServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real gateway, built from the production modules, listening on a free loopback port, with a
 * configuration given as HOCON text, with API-key authentication off and no retries unless the text
 * turns them on. Close it
 * to drain and stop it.
 */
public final class TestGateway implements AutoCloseable {
  private final GatewayServer server;
  private final Injector injector;
  private final ManagedChannel channel;

  private TestGateway(Injector injector) {
    this.injector = injector;
    this.server = injector.getInstance(GatewayServer.class).start();
    this.channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  // Authentication is off, and the store in memory, unless a test's own sections say otherwise: HOCON merges them.
  // Likewise one attempt per deployment, so a scripted upstream answer is consumed exactly once per call.
  private static final String PREFIX = """
      server { host = "127.0.0.1", port = 0 }
      telemetry { prometheus { port = 0 } }
      auth { enabled = false }
      store { type = memory }
      provider-defaults { resilience { retry { max-attempts = 1 } } }
      """;

  /** Starts a gateway from {@code hocon} (server settings are forced to 127.0.0.1:0). */
  public static TestGateway start(String hocon) {
    return start(hocon, Map.of(), Modules.EMPTY_MODULE);
  }

  /** Starts a gateway from {@code hocon} with {@code env} as its environment and {@code overrides} over the production modules. */
  public static TestGateway start(String hocon, Map<String, String> env, Module overrides) {
    GatewayConfig config = load(hocon, env);
    return new TestGateway(Guice.createInjector(Modules.override(GatewayModules.production(config)).with(overrides)));
  }

  /** Loads {@code hocon} as the configuration file would be, listening on 127.0.0.1 with a free port. */
  public static GatewayConfig load(String hocon, Map<String, String> env) {
    try {
      Path file = Files.createTempFile("llmgateway-test", ".conf");
      try {
        Files.writeString(file, PREFIX + hocon);
        return new ConfigLoader(env::get).load(file);
      } finally {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the gateway's injector, to reach a singleton the test must drive directly. */
  public Injector injector() {
    return injector;
  }

  public ManagedChannel channel() {
    return channel;
  }

  public int port() {
    return server.port();
  }

  public GatewayServer server() {
    return server;
  }

  public GatewayServiceGrpc.GatewayServiceBlockingStub blocking() {
    return GatewayServiceGrpc.newBlockingStub(channel);
  }

  public GatewayServiceGrpc.GatewayServiceStub async() {
    return GatewayServiceGrpc.newStub(channel);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.close();
    try {
      if (!channel.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS)) {
        throw new AssertionError("client channel did not terminate within 5s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
