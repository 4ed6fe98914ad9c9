package dev.llmgateway.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.server.config.Secret;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyHasherTest {
  private static final Secret SECRET = new Secret("0123456789abcdef0123456789abcdef");
  private final ApiKeyHasher hasher = new ApiKeyHasher(SECRET);

  @Test
  void hashesWithHmacSha256UnderTheSecret() {
    // Computed outside Java: printf lgw_test | openssl dgst -sha256 -hmac 0123456789abcdef0123456789abcdef
    assertThat(HexFormat.of().formatHex(hasher.hash("lgw_test")))
        .isEqualTo("b52594794cb936f2cab360f0fb150309264cb5b7b3935a7299e157cbd14f7250");
    assertThat(hasher.hash("lgw_test")).hasSize(ApiKeyHasher.HASH_LENGTH);
    assertThat(new ApiKeyHasher(new Secret("another secret of at least 32 bytes!")).hash("lgw_test"))
        .isNotEqualTo(hasher.hash("lgw_test"));
  }

  @Test
  void matchesOnlyTheKeyThatWasHashed() {
    byte[] stored = hasher.hash("lgw_right");

    assertThat(hasher.matches("lgw_right", stored)).isTrue();
    assertThat(hasher.matches("lgw_wrong", stored)).isFalse();
    assertThat(hasher.matches("lgw_right", new byte[3])).isFalse();
  }

  @Test
  void refusesAShortSecret() {
    assertThatThrownBy(() -> new ApiKeyHasher(new Secret("short")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("secret: 5 bytes (expected: >= 32)");
  }

  @Test
  void generatesPrefixedRandomKeysWithShortIdsAndTheirHashes() {
    ApiKeyGenerator generator = new ApiKeyGenerator(new SecureRandom(), hasher);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      IssuedApiKey issued = generator.generate();
      String key = issued.key().reveal();

      assertThat(key).startsWith("lgw_").hasSize(4 + 43).matches("lgw_[A-Za-z0-9_-]{43}");
      assertThat(issued.id()).matches("[A-Za-z0-9_-]{12}");
      assertThat(hasher.matches(key, issued.keyHash())).isTrue();
      assertThat(issued.key()).hasToString("Secret[redacted]");
      ids.add(issued.id());
    }
    assertThat(ids).hasSize(100);
  }
}
