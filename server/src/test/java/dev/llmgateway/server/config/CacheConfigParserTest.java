package dev.llmgateway.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code cache} section and the models' {@code cache} blocks. */
class CacheConfigParserTest {
  private static final String MODELS = """
      providers { p { type = demo } }
      models {
        on { provider = p, capabilities = [chat], cache { enabled = true, ttl = 5m } }
        default-ttl { provider = p, capabilities = [chat], cache { enabled = true } }
        off { provider = p, capabilities = [chat] }
      }
      """;

  @TempDir Path dir;

  private GatewayConfig load(String hocon) throws IOException {
    Path file = dir.resolve("gateway.conf");
    Files.writeString(file, hocon);
    return new ConfigLoader(Map.<String, String>of()::get).load(file);
  }

  private String failure(String hocon) {
    Throwable t = catchThrowable(() -> load(hocon));
    assertThat(t).isInstanceOf(InvalidConfigException.class);
    return t.getMessage();
  }

  @Test
  void cachingIsOffByDefaultAndOnPerModelWithItsOwnOrTheDefaultTtl() throws IOException {
    CacheConfig cache = load(MODELS + "cache { default-ttl = 2m, tenant-groups { \"k1\" = g } }").cache();

    assertThat(cache.backend()).isEqualTo(CacheConfig.Backend.MEMORY);
    assertThat(cache.chargeTokensOnHit()).isFalse();
    assertThat(cache.model("on").enabled()).isTrue();
    assertThat(cache.ttl("on")).isEqualTo(Duration.ofMinutes(5));
    assertThat(cache.ttl("default-ttl")).isEqualTo(Duration.ofMinutes(2));
    assertThat(cache.model("off").enabled()).isFalse();
    assertThat(cache.model("unlisted").enabled()).isFalse();
    assertThat(cache.tenantGroups()).containsEntry("k1", "g");
  }

  @Test
  void unknownKeysAreRejectedWithFileAndLine() {
    assertThat(failure(MODELS + "cache {\n  max-size = 1\n}")).contains("gateway.conf: 8").contains("cache.max-size")
        .contains("unknown key");
    assertThat(failure("""
        providers { p { type = demo } }
        models { m { provider = p, capabilities = [chat], cache { enabled = true, ttl = 5m, size = 3 } } }
        """)).contains("models.\"m\".cache.size").contains("unknown key");
  }

  @Test
  void theRedisBackendNeedsTheRedisStore() {
    assertThat(failure(MODELS + "cache { backend = redis }")).contains("cache.backend")
        .contains("store.type = redis");
  }

  @Test
  void valuesOutOfRangeAreRejected() {
    assertThat(failure(MODELS + "cache { max-temperature = 3 }")).contains("cache.max-temperature");
    assertThat(failure(MODELS + "cache { max-entry-bytes = 2MiB, max-bytes = 1MiB }")).contains("cache.max-entry-bytes");
    assertThat(failure(MODELS + "cache { default-ttl = 0s }")).contains("cache.default-ttl");
    assertThat(failure(MODELS + "cache { backend = disk }")).contains("cache.backend").contains("memory or redis");
  }
}
