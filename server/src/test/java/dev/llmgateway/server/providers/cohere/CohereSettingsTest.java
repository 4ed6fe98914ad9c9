package dev.llmgateway.server.providers.cohere;

import static dev.llmgateway.server.providers.cohere.CohereTesting.API_KEY;
import static dev.llmgateway.server.providers.cohere.CohereTesting.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.server.config.InvalidConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks how a Cohere provider's configuration is read and rejected. */
class CohereSettingsTest {

  @Test
  void defaultsToCoheresApiRootAndTheSearchDocumentInputType() {
    CohereSettings settings = CohereSettings.from(config("", Map.of()));

    assertThat(settings.chatUrl()).hasToString("https://api.cohere.com/v2/chat");
    assertThat(settings.embedUrl()).hasToString("https://api.cohere.com/v2/embed");
    assertThat(settings.modelsUrl()).hasToString("https://api.cohere.com/v1/models");
    assertThat(settings.embedInputType()).isEqualTo("search_document");
    assertThat(settings.apiKey().reveal()).isEqualTo(API_KEY);
  }

  @Test
  void takesAnotherRootAndInputType() {
    CohereSettings settings = CohereSettings.from(config("https://proxy.example.com/cohere/",
        Map.of("embed-input-type", "search_query")));

    assertThat(settings.chatUrl()).hasToString("https://proxy.example.com/cohere/v2/chat");
    assertThat(settings.embedInputType()).isEqualTo("search_query");
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://api.cohere.com/v2", "https://api.cohere.com/v1/", "not a url"})
  void rejectsABaseUrlThatIsNotTheVersionlessRoot(String baseUrl) {
    assertThatThrownBy(() -> CohereSettings.from(config(baseUrl, Map.of())))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("providers.cohere-test.base-url");
  }

  @Test
  void rejectsUnknownOptionsAndInputTypes() {
    assertThatThrownBy(() -> CohereSettings.from(config("", Map.of("embed-input-typ", "search_query"))))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("options.embed-input-typ");
    assertThatThrownBy(() -> CohereSettings.from(config("", Map.of("embed-input-type", "image"))))
        .isInstanceOf(InvalidConfigException.class).hasMessageContaining("search_document");
  }
}
