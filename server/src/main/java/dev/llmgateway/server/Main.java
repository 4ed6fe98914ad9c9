package dev.llmgateway.server;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.llmgateway.server.auth.KeyHashCommand;
import dev.llmgateway.server.config.AuthConfig;
import dev.llmgateway.server.config.ConfigLoader;
import dev.llmgateway.server.config.ConfigSource;
import dev.llmgateway.server.config.GatewayConfig;
import dev.llmgateway.server.config.InvalidConfigException;
import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.config.ServerConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Starts the gateway: parse flags, load and validate configuration, wire, serve until SIGTERM. */
public final class Main {
  /**
   * Netty's HTTP/2 frame loggers print every header, API keys included, at FINE; they are held at INFO
   * whatever the logging configuration says. (Held here because java.util.logging keeps loggers weakly.)
   */
  private static final List<java.util.logging.Logger> FRAME_LOGGERS = List.of(
      java.util.logging.Logger.getLogger("io.grpc.netty.shaded.io.grpc.netty.NettyServerHandler"),
      java.util.logging.Logger.getLogger("io.grpc.netty.shaded.io.grpc.netty.NettyClientHandler"));

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
    }
    FRAME_LOGGERS.forEach(logger -> logger.setLevel(java.util.logging.Level.INFO));
    long startNanos = System.nanoTime();
    GatewayServer server;
    GatewayConfig config;
    try {
      CommandLine cli = CommandLine.parse(args, System.getenv());
      if (cli.help()) {
        System.out.println(CommandLine.USAGE);
        return;
      }
      if (cli.hashKey()) {
        AuthConfig auth = new ConfigLoader(System::getenv).load(cli.config()).auth();
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int status = KeyHashCommand.run(auth, stdin, System.out, System.err);
        if (status != 0) {
          System.exit(status);
        }
        return;
      }
      config = withListenOverride(new ConfigLoader(System::getenv).load(cli.config()), cli);
      ConfigSource source = new ConfigSource(Optional.ofNullable(cli.config()), System::getenv);
      Injector injector = Guice.createInjector(GatewayModules.production(config, source));
      server = injector.getInstance(GatewayServer.class).start();
    } catch (IllegalArgumentException e) {
      exit(System.err, "llm-gateway: " + e.getMessage() + "\n" + CommandLine.USAGE);
      return;
    } catch (InvalidConfigException e) {
      exit(System.err, "llm-gateway: " + e.getMessage());
      return;
    } catch (java.io.UncheckedIOException | IllegalStateException e) {
      // A port already taken (gRPC or metrics): say which, without a stack trace.
      exit(System.err, "llm-gateway: " + e.getMessage()
          + (e.getCause() != null && e.getCause().getMessage() != null ? ": " + e.getCause().getMessage() : ""));
      return;
    } catch (com.google.inject.CreationException | com.google.inject.ProvisionException e) {
      InvalidConfigException config0 = findConfigError(e);
      if (config0 == null) {
        throw e;
      }
      exit(System.err, "llm-gateway: " + config0.getMessage());
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "llm-gateway-shutdown"));
    System.out.println(banner(config, server.port(), (System.nanoTime() - startNanos) / 1_000_000));
    server.awaitTermination();
  }

  private static GatewayConfig withListenOverride(GatewayConfig config, CommandLine cli) {
    ServerConfig s = config.server();
    ServerConfig listen = s.withListen(cli.listenHost().orElse(s.host()), cli.listenPort().orElse(s.port()));
    return new GatewayConfig(listen, config.http(), config.discovery(), config.telemetry(), config.store(),
        config.quotas(), config.providers(), config.models(), config.auth(), config.cache(), config.dispatch());
  }

  private static String banner(GatewayConfig config, int port, long startMillis) {
    List<String> on = new ArrayList<>();
    List<String> off = new ArrayList<>();
    for (ProviderConfig p : config.providers().values()) {
      if (p.enabled()) {
        on.add(p.name() + ("demo".equals(p.type()) ? " (offline demo)" : ""));
      } else {
        off.add(p.name() + (p.apiKeyEnv().isEmpty() ? "" : " (set " + p.apiKeyEnv() + ")"));
      }
    }
    return "llm-gateway listening on " + config.server().host() + ":" + port + " in " + startMillis + " ms"
        + "\n  providers on:  " + (on.isEmpty() ? "none" : String.join(", ", on))
        + "\n  providers off: " + (off.isEmpty() ? "none" : String.join(", ", off));
  }

  private static InvalidConfigException findConfigError(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof InvalidConfigException ice) {
        return ice;
      }
    }
    if (t instanceof com.google.inject.CreationException ce) {
      for (com.google.inject.spi.Message m : ce.getErrorMessages()) {
        for (Throwable c = m.getCause(); c != null; c = c.getCause()) {
          if (c instanceof InvalidConfigException ice) {
            return ice;
          }
        }
      }
    }
    return null;
  }

  private static void exit(PrintStream err, String message) {
    err.println(message);
    System.exit(2);
  }
}
