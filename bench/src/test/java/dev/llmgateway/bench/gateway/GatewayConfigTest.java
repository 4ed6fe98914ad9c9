package dev.llmgateway.bench.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigTest {
  @TempDir Path dir;

  @Test
  void rendersProvidersModelsAndAnOverlayThatWins() {
    String text = GatewayConfigFile.render(
        List.of(new BenchProvider("mock", "openai", "http://127.0.0.1:9/v1")),
        List.of(new BenchModel("bench-stream-200", "mock", "mock-model-c200", List.of("chat", "streaming"))),
        "server.shutdown-grace = 5s");

    Config config = ConfigFactory.parseString(text).resolve();
    assertThat(config.getString("providers.mock.type")).isEqualTo("openai");
    assertThat(config.getString("providers.mock.base-url")).isEqualTo("http://127.0.0.1:9/v1");
    assertThat(config.getString("providers.mock.api-key-env")).isEqualTo(GatewayConfigFile.UPSTREAM_KEY_ENV);
    assertThat(config.getString("models.bench-stream-200.upstream-model")).isEqualTo("mock-model-c200");
    assertThat(config.getStringList("models.bench-stream-200.capabilities")).containsExactly("chat", "streaming");
    assertThat(config.getString("server.shutdown-grace")).isEqualTo("5s");
    assertThat(config.getBoolean("server.reflection")).isFalse();
  }

  @Test
  void tellsWhichAdaptersAndSettingsAGatewayBuildHas() throws IOException {
    Path jar = dir.resolve("gateway.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      entry(out, "dev/llmgateway/server/Main.class", "");
      entry(out, "dev/llmgateway/server/providers/openai/OpenAiAdapter.class", "");
      entry(out, "llmgateway-reference.conf", "server { port = 50051 }\nedge { auth { enabled = false } }\n");
    }

    ServerJar server = ServerJar.open(jar);

    assertThat(server.hasMainClass()).isTrue();
    assertThat(server.hasProviderType("openai")).isTrue();
    assertThat(server.hasProviderType("anthropic")).isFalse();
    assertThat(server.unknownSettings(ConfigFactory.parseString("edge.auth.enabled = true\nedge.quota.enabled = true")))
        .containsExactly("edge.quota.enabled");
  }

  private static void entry(JarOutputStream out, String name, String content) throws IOException {
    out.putNextEntry(new JarEntry(name));
    OutputStream stream = out;
    stream.write(content.getBytes(StandardCharsets.UTF_8));
    out.closeEntry();
  }
}
