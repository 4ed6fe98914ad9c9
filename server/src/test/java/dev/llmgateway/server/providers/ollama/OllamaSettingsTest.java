package dev.llmgateway.server.providers.ollama;

import static dev.llmgateway.server.providers.ollama.OllamaTesting.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.server.config.InvalidConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks how an Ollama provider's configuration is read and rejected. */
class OllamaSettingsTest {

  @Test
  void defaultsToTheLocalServerWithoutKeyOrOptions() {
    OllamaSettings settings = OllamaSettings.from(config("", Map.of()));

    assertThat(settings.chatUrl()).hasToString("http://localhost:11434/api/chat");
    assertThat(settings.embedUrl()).hasToString("http://localhost:11434/api/embed");
    assertThat(settings.tagsUrl()).hasToString("http://localhost:11434/api/tags");
    assertThat(settings.apiKey()).isNull();
    assertThat(settings.numCtx()).isZero();
    assertThat(settings.keepAlive()).isNull();
    assertThat(settings.truncateEmbedInputs()).isFalse();
  }

  @Test
  void readsEveryOption() {
    OllamaSettings settings = OllamaSettings.from(config("http://gpu-box:11434/",
        Map.of("num-ctx", "32768", "keep-alive", "1h30m", "truncate-embed-inputs", "true")));

    assertThat(settings.chatUrl()).hasToString("http://gpu-box:11434/api/chat");
    assertThat(settings.numCtx()).isEqualTo(32768);
    assertThat(settings.keepAlive()).isEqualTo("1h30m");
    assertThat(settings.truncateEmbedInputs()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:11434/api", "http://localhost:11434/v1", "localhost:11434"})
  void rejectsABaseUrlThatIsNotTheServerRoot(String baseUrl) {
    assertThatThrownBy(() -> OllamaSettings.from(config(baseUrl, Map.of())))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("providers.ollama-test.base-url");
  }

  @ParameterizedTest
  @CsvSource({"num-ctx,0", "num-ctx,lots", "keep-alive,5 minutes", "truncate-embed-inputs,yes", "num_ctx,4096"})
  void rejectsBadAndUnknownOptionsNamingThem(String key, String value) {
    assertThatThrownBy(() -> OllamaSettings.from(config("", Map.of(key, value))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("options." + key);
  }
}
