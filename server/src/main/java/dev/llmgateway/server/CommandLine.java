package dev.llmgateway.server;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * The command line: {@code --config FILE} (or LLMGATEWAY_CONFIG) and {@code --listen HOST:PORT} (or
 * LLMGATEWAY_LISTEN); flags win over the environment. {@code --hash-key} switches to printing a key's hash.
 *
 * @param config the configuration file, or null for the shipped default
 * @param listenHost the host to bind instead of the configured one, if given
 * @param listenPort the port to bind instead of the configured one, if given
 * @param help whether usage was asked for
 * @param hashKey whether to print the hash of a key read from standard input instead of serving
 */
record CommandLine(@Nullable Path config, Optional<String> listenHost, Optional<Integer> listenPort, boolean help,
    boolean hashKey) {
  static final String USAGE = """
      usage: llm-gateway [--config FILE] [--listen HOST:PORT] [--hash-key]
        --config FILE        HOCON configuration (env LLMGATEWAY_CONFIG); default: the shipped offline demo setup
        --listen HOST:PORT   address to listen on (env LLMGATEWAY_LISTEN); overrides server.host and server.port
        --hash-key           read an API key from standard input, print its hash for an auth.keys key-hash
                             entry (uses the configured auth.hash-secret-env), and exit
        --help               print this and exit""";

  /** Parses {@code args}; throws IllegalArgumentException naming the bad argument. */
  static CommandLine parse(String[] args, Map<String, String> env) {
    String config = env.get("LLMGATEWAY_CONFIG");
    String listen = env.get("LLMGATEWAY_LISTEN");
    boolean help = false;
    boolean hashKey = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--config" -> config = value(args, ++i, arg);
        case "--listen" -> listen = value(args, ++i, arg);
        case "--help", "-h" -> help = true;
        case "--hash-key" -> hashKey = true;
        default -> {
          if (arg.startsWith("--config=")) {
            config = arg.substring("--config=".length());
          } else if (arg.startsWith("--listen=")) {
            listen = arg.substring("--listen=".length());
          } else {
            throw new IllegalArgumentException("unknown argument '" + arg + "'");
          }
        }
      }
    }
    Optional<String> host = Optional.empty();
    Optional<Integer> port = Optional.empty();
    if (listen != null && !listen.isBlank()) {
      int colon = listen.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("--listen: '" + listen + "' (expected: HOST:PORT, e.g. 127.0.0.1:50051)");
      }
      try {
        int p = Integer.parseInt(listen.substring(colon + 1));
        if (p < 0 || p > 65535) {
          throw new NumberFormatException();
        }
        port = Optional.of(p);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--listen: '" + listen + "' has no valid port (expected: 0 to 65535)");
      }
      String h = listen.substring(0, colon);
      if (h.startsWith("[") && h.endsWith("]")) {
        h = h.substring(1, h.length() - 1);
      }
      if (!h.isEmpty()) {
        host = Optional.of(h);
      }
    }
    return new CommandLine(config == null || config.isBlank() ? null : Path.of(config), host, port, help,
        hashKey);
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }
}
