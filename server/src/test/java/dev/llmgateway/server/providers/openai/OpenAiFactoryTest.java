package dev.llmgateway.server.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.llmgateway.server.config.InvalidConfigException;
import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.config.Secret;
import dev.llmgateway.server.providers.ProviderAdapter;
import java.util.Map;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class OpenAiFactoryTest {
  private final OkHttpClient shared = new OkHttpClient();
  private final OpenAiAdapter.Factory factory = new OpenAiAdapter.Factory(shared);

  @Test
  void registersTheThreeOpenAiCompatibleProviderTypes() {
    Injector injector = Guice.createInjector(new OpenAiModule(), new AbstractModule() {
      @Override
      protected void configure() {
        bind(OkHttpClient.class).toInstance(shared);
      }
    });

    Map<String, ProviderAdapter.Factory> factories =
        injector.getInstance(Key.get(new TypeLiteral<Map<String, ProviderAdapter.Factory>>() {}));

    assertThat(factories).containsOnlyKeys("openai", "azure-openai", "huggingface");
    assertThat(factories.get("openai")).isInstanceOf(OpenAiAdapter.Factory.class)
        .isSameAs(injector.getInstance(OpenAiAdapter.Factory.class));
    assertThat(factories.get("azure-openai")).isSameAs(injector.getInstance(AzureOpenAiAdapter.Factory.class));
    assertThat(factories.get("huggingface")).isSameAs(injector.getInstance(HuggingFaceAdapter.Factory.class));
  }

  @Test
  void rejectsAnEmptyBaseUrl() {
    assertThatThrownBy(() -> factory.create(OpenAiTesting.config("")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("invalid configuration: providers.openai-test.base-url: ");
  }

  @Test
  void rejectsABaseUrlThatIsNotHttp() {
    assertThatThrownBy(() -> factory.create(OpenAiTesting.config("ftp://example.com/v1")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("invalid configuration: providers.openai-test.base-url: 'ftp://example.com/v1'");
  }

  @Test
  void rejectsAnUnknownMaxTokensField() {
    assertThatThrownBy(() -> factory.create(options(Map.of("max-tokens-field", "max_new_tokens"))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("invalid configuration: providers.openai-test.options.max-tokens-field: 'max_new_tokens' "
            + "(expected: max_tokens or max_completion_tokens)");
  }

  @Test
  void rejectsAnUnknownOption() {
    assertThatThrownBy(() -> factory.create(options(Map.of("max-token-field", "max_tokens"))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("invalid configuration: providers.openai-test.options.max-token-field: unknown option");
  }

  @Test
  void derivesEndpointUrlsFromTheBaseUrl() {
    OpenAiSettings settings = OpenAiSettings.from(OpenAiTesting.config("http://localhost:11434/v1//"));

    assertThat(settings.chatUrl()).hasToString("http://localhost:11434/v1/chat/completions");
    assertThat(settings.embeddingsUrl()).hasToString("http://localhost:11434/v1/embeddings");
    assertThat(settings.modelsUrl()).hasToString("http://localhost:11434/v1/models");
    assertThat(settings.imagesUrl()).hasToString("http://localhost:11434/v1/images/generations");
    assertThat(settings.maxTokensField()).isEqualTo("max_tokens");
  }

  @Test
  void neverShowsTheApiKeyInSettings() {
    OpenAiSettings settings = OpenAiSettings.from(OpenAiTesting.config("https://api.openai.com/v1"));

    assertThat(settings.toString()).doesNotContain(OpenAiTesting.API_KEY);
  }

  private static ProviderConfig options(Map<String, String> options) {
    return OpenAiTesting.config("https://api.openai.com/v1", Optional.of(new Secret("k")), Map.of(), options);
  }
}
