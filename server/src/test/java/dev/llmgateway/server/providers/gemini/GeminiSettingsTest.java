package dev.llmgateway.server.providers.gemini;

import static dev.llmgateway.server.providers.gemini.GeminiTesting.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.llmgateway.server.config.InvalidConfigException;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ProviderAdapter;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GeminiSettingsTest {

  @Test
  void registersTheGeminiProviderType() {
    OkHttpClient shared = new OkHttpClient();
    Injector injector = Guice.createInjector(new GeminiModule(), new AbstractModule() {
      @Override
      protected void configure() {
        bind(OkHttpClient.class).toInstance(shared);
      }
    });

    Map<String, ProviderAdapter.Factory> factories =
        injector.getInstance(Key.get(new TypeLiteral<Map<String, ProviderAdapter.Factory>>() {}));

    assertThat(factories).containsOnlyKeys("gemini");
    assertThat(factories.get("gemini")).isInstanceOf(GeminiAdapter.Factory.class)
        .isSameAs(injector.getInstance(GeminiAdapter.Factory.class));
    assertThat(factories.get("gemini").create(config("", Map.of()))).isInstanceOf(GeminiAdapter.class);
  }

  @Test
  void neverShowsTheApiKeyInSettings() {
    assertThat(GeminiSettings.from(config("", Map.of())).toString()).doesNotContain(GeminiTesting.API_KEY);
  }

  @Test
  void usesGooglesEndpointWhenNoBaseUrlIsConfigured() {
    GeminiSettings settings = GeminiSettings.from(config("", Map.of()));

    assertThat(settings.baseUrl().toString()).isEqualTo("https://generativelanguage.googleapis.com/v1beta");
    assertThat(settings.embedBatchSize()).isEqualTo(100);
    assertThat(settings.apiKey().reveal()).isEqualTo(GeminiTesting.API_KEY);
  }

  @Test
  void buildsMethodUrlsUnderTheConfiguredRoot() {
    GeminiSettings settings = GeminiSettings.from(config("http://proxy.local/gemini/v1beta/", Map.of()));

    assertThat(settings.methodUrl("gemini-2.5-flash", "generateContent").toString())
        .isEqualTo("http://proxy.local/gemini/v1beta/models/gemini-2.5-flash:generateContent");
    assertThat(settings.methodUrl("tunedModels/my-model", "countTokens").toString())
        .isEqualTo("http://proxy.local/gemini/v1beta/tunedModels/my-model:countTokens");
    assertThat(settings.modelsUrl().toString()).isEqualTo("http://proxy.local/gemini/v1beta/models");
  }

  @ParameterizedTest
  @ValueSource(strings = {"../files", "models/..", "files/abc", "models/a/b", "models/", "gemini:embedContent"})
  void refusesModelNamesThatWouldReachAnotherPath(String model) {
    GatewayException e = catchThrowableOfType(GatewayException.class, () -> GeminiSettings.modelResource(model));

    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.violations().get(0).field()).isEqualTo("model");
  }

  @Test
  void acceptsASmallerEmbeddingBatch() {
    assertThat(GeminiSettings.from(config("", Map.of("embed-batch-size", "25"))).embedBatchSize()).isEqualTo(25);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "101", "many"})
  void rejectsAnEmbeddingBatchOutsideTheApisLimit(String size) {
    assertThatThrownBy(() -> GeminiSettings.from(config("", Map.of("embed-batch-size", size))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("providers.google.options.embed-batch-size");
  }

  @Test
  void rejectsAnUnknownOption() {
    assertThatThrownBy(() -> GeminiSettings.from(config("", Map.of("api-version", "v1"))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("options.api-version: not an option of the gemini provider");
  }

  @Test
  void rejectsABaseUrlWithAQuery() {
    assertThatThrownBy(() -> GeminiSettings.from(config("https://example.com/v1beta?key=x", Map.of())))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("base-url");
  }
}
