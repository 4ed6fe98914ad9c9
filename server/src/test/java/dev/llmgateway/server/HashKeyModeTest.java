package dev.llmgateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.config.Secret;
import dev.llmgateway.server.store.ApiKeyHasher;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code llm-gateway --hash-key} as an operator runs it: a separate JVM reading the key from standard input. */
class HashKeyModeTest {
  private static final String SECRET = "mode-hash-secret-0123456789abcdefghijklmno";
  private static final String KEY = "mode-key-0123456789abcdefghijklmnopqrstuvwx";

  @TempDir Path dir;

  @Test
  void printsTheKeysHashUnderTheConfiguredSecretAndNothingElse() throws Exception {
    Path config = dir.resolve("gateway.conf");
    Files.writeString(config, "auth.hash-secret-env = GATEWAY_HASH_SECRET\n");
    ProcessBuilder builder = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--hash-key", "--config", config.toString()));
    builder.environment().put("GATEWAY_HASH_SECRET", SECRET);
    builder.environment().remove("LLMGATEWAY_ADMIN_KEY");
    Process process = builder.start();
    try (OutputStream stdin = process.getOutputStream()) {
      stdin.write((KEY + "\n").getBytes(StandardCharsets.UTF_8));
    }
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("--hash-key did not exit within 30s");
    }

    assertThat(process.exitValue()).as(stderr(process)).isZero();
    assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo(HexFormat.of().formatHex(new ApiKeyHasher(new Secret(SECRET)).hash(KEY)) + System.lineSeparator());
  }

  private static String stderr(Process process) {
    try {
      return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
