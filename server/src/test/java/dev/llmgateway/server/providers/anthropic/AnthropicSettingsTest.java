package dev.llmgateway.server.providers.anthropic;

import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.llmgateway.server.config.InvalidConfigException;
import dev.llmgateway.server.providers.ProviderAdapter;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AnthropicSettingsTest {

  @Test
  void usesTheDocumentedDefaults() {
    AnthropicSettings settings = AnthropicSettings.from(config("https://api.anthropic.com/v1/", Map.of()));

    assertThat(settings.baseUrl()).isEqualTo("https://api.anthropic.com/v1");
    assertThat(settings.version()).isEqualTo("2023-06-01");
    assertThat(settings.defaultMaxTokens()).isEqualTo(4096);
    assertThat(settings.apiKey()).isPresent();
  }

  @Test
  void readsTheOptions() {
    AnthropicSettings settings = AnthropicSettings.from(config("https://api.anthropic.com/v1",
        Map.of("anthropic-version", "2024-10-22", "default-max-tokens", "8192")));

    assertThat(settings.version()).isEqualTo("2024-10-22");
    assertThat(settings.defaultMaxTokens()).isEqualTo(8192);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "not a url", "ftp://example.com"})
  void rejectsAMissingOrInvalidBaseUrlNamingTheSetting(String baseUrl) {
    assertThatThrownBy(() -> AnthropicSettings.from(config(baseUrl, Map.of())))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("providers.claude.base-url");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-5", "many", "1.5"})
  void rejectsABadDefaultMaxTokensNamingTheOption(String value) {
    assertThatThrownBy(() -> AnthropicSettings.from(config("https://api.anthropic.com/v1",
        Map.of("default-max-tokens", value))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("providers.claude.options.default-max-tokens")
        .hasMessageContaining(value);
  }

  @Test
  void rejectsAnEmptyApiVersion() {
    assertThatThrownBy(() -> AnthropicSettings.from(config("https://api.anthropic.com/v1",
        Map.of("anthropic-version", " "))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("providers.claude.options.anthropic-version");
  }

  @Test
  void rejectsAnUnknownOptionSoThatTyposDoNotPassSilently() {
    assertThatThrownBy(() -> AnthropicSettings.from(config("https://api.anthropic.com/v1",
        Map.of("default-max-token", "100"))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("providers.claude.options.default-max-token");
  }

  @Test
  void theFactoryRejectsABadConfiguration() {
    AnthropicAdapter.Factory factory = new AnthropicAdapter.Factory(new OkHttpClient());

    assertThatThrownBy(() -> factory.create(config("", Map.of())))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("providers.claude.base-url");
  }

  @Test
  void theModuleRegistersTheFactoryUnderTheAnthropicType() {
    Injector injector = Guice.createInjector(new AnthropicModule(), new AbstractModule() {
      @Override
      protected void configure() {
        bind(OkHttpClient.class).toInstance(new OkHttpClient());
      }
    });

    Map<String, ProviderAdapter.Factory> factories =
        injector.getInstance(Key.get(new TypeLiteral<Map<String, ProviderAdapter.Factory>>() {}));

    assertThat(factories).containsOnlyKeys("anthropic");
    assertThat(factories.get("anthropic").create(config("https://api.anthropic.com/v1", Map.of())))
        .isInstanceOf(AnthropicAdapter.class);
  }
}
