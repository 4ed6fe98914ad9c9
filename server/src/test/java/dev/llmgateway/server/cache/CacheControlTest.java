package dev.llmgateway.server.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parsing the {@code x-cache-control} header. */
class CacheControlTest {
  @Test
  void readsEveryDirectiveCaseInsensitively() {
    assertThat(CacheControl.parse(null)).isEqualTo(CacheControl.DEFAULT);
    assertThat(CacheControl.parse(" No-Cache ")).isEqualTo(new CacheControl(true, false, false, Optional.empty()));
    assertThat(CacheControl.parse("refresh, ttl=30s, force"))
        .isEqualTo(new CacheControl(false, true, true, Optional.of(Duration.ofSeconds(30))));
    assertThat(CacheControl.parse("ttl=250ms").ttl()).contains(Duration.ofMillis(250));
    assertThat(CacheControl.parse("ttl=2h").ttl()).contains(Duration.ofHours(2));
  }

  @Test
  void rejectsUnknownAndContradictoryDirectivesNamingTheHeader() {
    for (String bad : new String[] {"sometimes", "ttl=", "ttl=5d", "ttl=0s", "no-cache, refresh"}) {
      assertThatThrownBy(() -> CacheControl.parse(bad)).as(bad)
          .isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
            assertThat(e.getMessage()).startsWith("x-cache-control: ");
          });
    }
  }
}
