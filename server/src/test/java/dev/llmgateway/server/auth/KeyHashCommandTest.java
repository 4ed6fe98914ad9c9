package dev.llmgateway.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.config.AuthConfig;
import dev.llmgateway.server.config.Secret;
import dev.llmgateway.server.store.ApiKeyHasher;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyHashCommandTest {
  private static final String SECRET = "command-hash-secret-0123456789abcdefghijkl";
  private static final String KEY = "a-key-of-forty-characters-0123456789abcd";

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void printsTheHashOfTheKeyReadFromStandardInput() {
    int status = run(config(Optional.of(new Secret(SECRET))), KEY + "\n");

    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).strip())
        .isEqualTo(HexFormat.of().formatHex(new ApiKeyHasher(new Secret(SECRET)).hash(KEY)));
  }

  @Test
  void refusesWithoutAConfiguredSecret() {
    int status = run(config(Optional.empty()), KEY + "\n");

    assertThat(status).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("auth.hash-secret-env");
  }

  @Test
  void refusesAShortKeyWithoutPrintingIt() {
    int status = run(config(Optional.of(new Secret(SECRET))), "short-key\n");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("holds 9 characters").doesNotContain("short-key");
  }

  private int run(AuthConfig config, String stdin) {
    return KeyHashCommand.run(config, new BufferedReader(new StringReader(stdin)),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static AuthConfig config(Optional<Secret> secret) {
    return new AuthConfig(true, secret.isPresent() ? "SECRET" : "", secret, "", Optional.empty(), List.of(), Set.of());
  }
}
