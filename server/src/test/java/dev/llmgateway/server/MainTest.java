package dev.llmgateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up failures, as an operator meets them: a separate JVM that exits with a clear message. */
class MainTest {
  @TempDir Path dir;

  private record Exit(int code, String stderr) {}

  private static Exit run(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("gateway did not exit within 30s");
    }
    return new Exit(process.exitValue(), new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void anUnparseableConfigFileStopsStartUpNamingFileAndLine() throws Exception {
    Path file = dir.resolve("broken.conf");
    Files.writeString(file, "providers {\n  demo { type = demo\n");

    Exit exit = run("--config", file.toString(), "--listen", "127.0.0.1:0");

    assertThat(exit.code()).isEqualTo(2);
    assertThat(exit.stderr()).contains("llm-gateway: invalid configuration").contains("broken.conf: 3");
  }

  @Test
  void anUnknownProviderTypeStopsStartUpNamingTheKey() throws Exception {
    Path file = dir.resolve("gateway.conf");
    Files.writeString(file, "providers { p { type = telepathy } }\n");

    Exit exit = run("--config", file.toString(), "--listen", "127.0.0.1:0");

    assertThat(exit.code()).isEqualTo(2);
    assertThat(exit.stderr()).contains("providers.p.type: 'telepathy' is not a provider type");
  }

  @Test
  void aBadFlagPrintsUsage() throws Exception {
    Exit exit = run("--listen", "nowhere");

    assertThat(exit.code()).isEqualTo(2);
    assertThat(exit.stderr()).contains("--listen: 'nowhere'").contains("usage: llm-gateway");
  }
}
