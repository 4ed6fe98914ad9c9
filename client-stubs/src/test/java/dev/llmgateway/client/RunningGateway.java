package dev.llmgateway.client;

import com.google.inject.Guice;
import dev.llmgateway.server.GatewayModules;
import dev.llmgateway.server.GatewayServer;
import dev.llmgateway.server.config.ConfigLoader;
import dev.llmgateway.server.config.GatewayConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real gateway, built from its production modules and a HOCON configuration, listening on a
 * free loopback port, with API-key authentication off unless the configuration turns it on. Close it to
 * stop it.
 */
final class RunningGateway implements AutoCloseable {
  /** Demo providers only: fast streams, paced streams (200 ms a word) and slow ones (30 s a word). */
  static final String DEMO_CONFIG = """
      server { shutdown-grace = 1s }
      providers {
        demo { type = demo, options { stream-chunk-delay = 5ms } }
        paced { type = demo, options { stream-chunk-delay = 200ms } }
        slow { type = demo, options { stream-chunk-delay = 30s } }
      }
      models {
        demo-chat { provider = demo, upstream-model = demo-echo-1, aliases = [demo],
                    capabilities = [chat, streaming, tools, json-output] }
        demo-embed { provider = demo, upstream-model = demo-embed-1, capabilities = [embeddings] }
        paced-chat { provider = paced, upstream-model = demo-echo-1, capabilities = [chat, streaming] }
        slow-chat { provider = slow, upstream-model = demo-echo-1, capabilities = [chat, streaming] }
      }
      """;

  private final GatewayServer server;

  private RunningGateway(GatewayServer server) {
    this.server = server;
  }

  /** Starts a gateway from {@code hocon}, listening on 127.0.0.1 with a free port. */
  static RunningGateway start(String hocon) {
    GatewayConfig config;
    try {
      Path file = Files.createTempFile("llmgateway-client-test", ".conf");
      try {
        // API keys are the server's concern, tested there; these tests exercise the client against open access.
        Files.writeString(file, "auth { enabled = false }\n" + hocon + "\nserver { host = \"127.0.0.1\", port = 0 }\n");
        config = new ConfigLoader(Map.<String, String>of()::get).load(file);
      } finally {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new RunningGateway(Guice.createInjector(GatewayModules.production(config))
        .getInstance(GatewayServer.class).start());
  }

  /** Returns the gateway's address as a client target. */
  String target() {
    return "127.0.0.1:" + server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
