package dev.llmgateway.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.v1.Capability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private GatewayConfig load(String hocon, Map<String, String> env) throws IOException {
    Path file = dir.resolve("gateway.conf");
    Files.writeString(file, hocon);
    return new ConfigLoader(env::get).load(file);
  }

  private String failure(String hocon) {
    Path file = dir.resolve("bad.conf");
    try {
      Files.writeString(file, hocon);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> new ConfigLoader(Map.<String, String>of()::get).load(file));
    assertThat(t).isInstanceOf(InvalidConfigException.class);
    return t.getMessage();
  }

  @Test
  void shippedDefaultRunsTheDemoAndKeepsRealProvidersOffWithoutKeys() {
    GatewayConfig config = new ConfigLoader(Map.<String, String>of()::get).load(null);

    assertThat(config.providers().get("demo").enabled()).isTrue();
    assertThat(config.providers().get("openai").enabled()).isFalse();
    assertThat(config.providers().get("anthropic").enabled()).isFalse();
    assertThat(config.models().get("demo-chat").capabilities()).contains(Capability.CAPABILITY_STREAMING);
    assertThat(config.server().port()).isEqualTo(50051);
    assertThat(config.server().shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void theShippedDefaultKeepsStateInTheEmbeddedStoreAndOtherStoresAreChosenByType() throws IOException {
    assertThat(new ConfigLoader(Map.<String, String>of()::get).load(null).store().embedded())
        .contains(Path.of("data/llm-gateway.db"));
    Path file = dir.resolve("memory.conf");
    Files.writeString(file, "store { type = memory }");
    StoreConfig memory = new ConfigLoader(Map.<String, String>of()::get).load(file).store();
    assertThat(memory.embedded()).isEmpty();
    assertThat(memory.redis()).isEmpty();
    assertThat(failure("store {\n  type = embedded\n  embedded { path = \"\", size = 1 }\n}"))
        .contains("bad.conf: 3").contains("store.embedded.size: unknown key");
    assertThat(failure("store { embedded { path = \"\" } }")).contains("store.embedded.path");
    assertThat(failure("store { type = disk }")).contains("store.type: 'disk' (expected: embedded, memory or redis)");
  }

  @Test
  void aProviderSwitchesOnWhenItsKeyVariableIsSetAndTheKeyStaysHidden() {
    GatewayConfig config = new ConfigLoader(Map.of("OPENAI_API_KEY", "sk-test-value")::get).load(null);

    ProviderConfig openai = config.providers().get("openai");
    assertThat(openai.enabled()).isTrue();
    assertThat(openai.apiKey()).get().extracting(Secret::reveal).isEqualTo("sk-test-value");
    assertThat(openai.toString()).doesNotContain("sk-test-value");
  }

  @Test
  void fileSettingsOverrideBuiltInsAndProviderDefaultsApplyBeneath() throws IOException {
    GatewayConfig config = load("""
        server { port = 6000, shutdown-grace = 2s }
        providers { local { type = openai, base-url = "http://127.0.0.1:8000/v1/", read-timeout = 5s } }
        models { m { provider = local, capabilities = [chat], defaults { temperature = 0.2, stop = ["END"] } } }
        """, Map.of());

    assertThat(config.server().port()).isEqualTo(6000);
    assertThat(config.server().host()).isEqualTo("0.0.0.0");
    ProviderConfig local = config.providers().get("local");
    assertThat(local.baseUrl()).isEqualTo("http://127.0.0.1:8000/v1");
    assertThat(local.readTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(local.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.models().get("m").upstreamModel()).isEqualTo("m");
    assertThat(config.models().get("m").defaults().temperature()).hasValue(0.2);
    assertThat(config.models().get("m").defaults().stop()).containsExactly("END");
  }

  @Test
  void anUnparseableFileFailsNamingTheFileAndLine() {
    String message = failure("server {\n  port = 50051\n  host = ]\n}\n");
    assertThat(message).contains("bad.conf: 3:");
  }

  @Test
  void anUnknownKeyIsNamedWithWhatIsAllowed() {
    assertThat(failure("server { prot = 1 }")).contains("bad.conf: 1").contains("server.prot: unknown key")
        .contains("port");
  }

  @Test
  void aWrongTypeNamesTheKey() {
    assertThat(failure("server { port = lots }")).contains("port").contains("NUMBER");
  }

  @Test
  void anOutOfRangePortIsRejected() {
    assertThat(failure("server { port = 70000 }")).contains("server.port: 70000 (expected: 0 to 65535)");
  }

  @Test
  void aModelOfAnUnknownProviderIsRejected() {
    assertThat(failure("models { m { provider = nobody, capabilities = [chat] } }"))
        .contains("models.\"m\".provider: 'nobody' is not a configured provider");
  }

  @Test
  void anUnknownCapabilityIsRejected() {
    assertThat(failure("providers { d { type = demo } }\nmodels { m { provider = d, capabilities = [telepathy] } }"))
        .contains("'telepathy' is not a capability");
  }

  @Test
  void aNameUsedByTwoModelsIsRejected() {
    assertThat(failure("""
        providers { d { type = demo } }
        models {
          a { provider = d, capabilities = [chat], aliases = [shared] }
          b { provider = d, capabilities = [chat], aliases = [shared] }
        }
        """)).contains("name 'shared' is already used by model 'a'");
  }

  @Test
  void aBadBaseUrlAndABadEnvironmentNameAreRejected() {
    assertThat(failure("providers { p { type = openai, base-url = \"ftp://x\" } }"))
        .contains("providers.p.base-url");
    assertThat(failure("providers { p { type = openai, api-key-env = \"not a name\" } }"))
        .contains("providers.p.api-key-env");
  }

  @Test
  void aMissingFileIsReported() {
    assertThatThrownBy(() -> new ConfigLoader(Map.<String, String>of()::get).load(dir.resolve("absent.conf")))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("absent.conf").hasMessageContaining("not found");
  }
}
