package dev.llmgateway.server.auth;

import dev.llmgateway.server.config.AuthConfig;
import dev.llmgateway.server.config.AuthConfigParser;
import dev.llmgateway.server.store.ApiKeyHasher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HexFormat;

/**
 * The {@code --hash-key} mode: reads one key from standard input and prints its hash under the configured
 * secret, the value an {@code auth.keys} entry's {@code key-hash} takes, so the key itself need not be in
 * the gateway's environment.
 */
public final class KeyHashCommand {
  private KeyHashCommand() {}

  /** Hashes the first line of {@code in} onto {@code out}; returns the exit status, explaining a failure on {@code err}. */
  public static int run(AuthConfig auth, BufferedReader in, PrintStream out, PrintStream err) {
    if (auth.hashSecret().isEmpty()) {
      err.println("llm-gateway: --hash-key needs auth.hash-secret-env naming a variable that holds the hash secret:"
          + " without one, each process picks a random secret and no precomputed hash matches");
      return 2;
    }
    String line;
    try {
      line = in.readLine();
    } catch (IOException e) {
      err.println("llm-gateway: --hash-key: cannot read standard input: " + e.getMessage());
      return 2;
    }
    String key = line == null ? "" : line.strip();
    String problem = AuthConfigParser.keyProblem(key);
    if (problem != null) {
      err.println("llm-gateway: --hash-key: the key read from standard input " + problem);
      return 2;
    }
    out.println(HexFormat.of().formatHex(new ApiKeyHasher(auth.hashSecret().get()).hash(key)));
    out.flush();
    return 0;
  }
}
