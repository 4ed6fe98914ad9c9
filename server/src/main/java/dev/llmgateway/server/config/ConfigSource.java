package dev.llmgateway.server.config;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the running configuration came from, so it can be read again on request.
 *
 * @param file the file given at start, or empty for the shipped default
 * @param environment the environment credentials are read from
 */
public record ConfigSource(Optional<Path> file, Function<String, String> environment) {
  public ConfigSource {
    requireNonNull(file, "file");
    requireNonNull(environment, "environment");
  }

  /** Returns the loader of this source. */
  public GatewayConfig load() {
    return new ConfigLoader(environment).load(file.orElse(null));
  }

  /** Returns how to name the source to people. */
  public String describe() {
    return file.map(Path::toString).orElse("(built-in default)");
  }
}
