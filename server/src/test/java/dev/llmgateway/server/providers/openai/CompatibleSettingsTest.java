package dev.llmgateway.server.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.server.config.InvalidConfigException;
import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.config.Secret;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Checks the configuration of the {@code azure-openai} and {@code huggingface} provider types. */
class CompatibleSettingsTest {
  private static final String RESOURCE = "https://my-resource.openai.azure.com";

  @Test
  void defaultsAzureToTheDeploymentsApiAtTheLatestGaVersionWithTheApiKeyHeader() {
    AzureOpenAiSettings settings = AzureOpenAiSettings.from(OpenAiTesting.azure(RESOURCE + "/", Map.of()));

    assertThat(settings.v1()).isFalse();
    assertThat(settings.entra()).isFalse();
    assertThat(settings.chatUrl("gpt-4o")).hasToString(
        RESOURCE + "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21");
    assertThat(settings.embeddingsUrl("emb")).hasToString(
        RESOURCE + "/openai/deployments/emb/embeddings?api-version=2024-10-21");
    assertThat(settings.imagesUrl("img")).hasToString(
        RESOURCE + "/openai/deployments/img/images/generations?api-version=2024-10-21");
    assertThat(settings.bodyModel("gpt-4o")).isNull();
    assertThat(settings.maxTokensField()).isEqualTo("max_tokens");
  }

  @Test
  void buildsV1UrlsWithoutApiVersionUnlessOneIsConfigured() {
    AzureOpenAiSettings v1 = AzureOpenAiSettings.from(OpenAiTesting.azure(RESOURCE, Map.of("api", "v1")));
    AzureOpenAiSettings preview = AzureOpenAiSettings.from(OpenAiTesting.azure(RESOURCE,
        Map.of("api", "v1", "api-version", "preview")));

    assertThat(v1.chatUrl("gpt-4o")).hasToString(RESOURCE + "/openai/v1/chat/completions");
    assertThat(v1.imagesUrl("img")).hasToString(RESOURCE + "/openai/v1/images/generations");
    assertThat(v1.bodyModel("gpt-4o")).isEqualTo("gpt-4o");
    assertThat(preview.embeddingsUrl("emb")).hasToString(RESOURCE + "/openai/v1/embeddings?api-version=preview");
  }

  @Test
  void keepsAPathPrefixOfAGatewayInFrontOfAzure() {
    AzureOpenAiSettings settings = AzureOpenAiSettings.from(OpenAiTesting.azure("https://apim.example.com/aoai",
        Map.of("image-api-version", "2025-04-01-preview")));

    assertThat(settings.chatUrl("d")).hasToString(
        "https://apim.example.com/aoai/openai/deployments/d/chat/completions?api-version=2024-10-21");
    assertThat(settings.imagesUrl("d")).hasToString(
        "https://apim.example.com/aoai/openai/deployments/d/images/generations?api-version=2025-04-01-preview");
  }

  @Test
  void rejectsAnAzureBaseUrlThatAlreadyEndsInOpenAi() {
    assertThatThrownBy(() -> AzureOpenAiSettings.from(OpenAiTesting.azure(RESOURCE + "/openai/v1", Map.of())))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("invalid configuration: providers.openai-test.base-url: '" + RESOURCE + "/openai/v1'")
        .hasMessageContaining("options.api");
  }

  @Test
  void rejectsBadAzureOptions() {
    assertThatThrownBy(() -> AzureOpenAiSettings.from(OpenAiTesting.azure(RESOURCE, Map.of("auth", "oauth"))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("invalid configuration: providers.openai-test.options.auth: 'oauth' (expected: api-key or entra)");
    assertThatThrownBy(() -> AzureOpenAiSettings.from(OpenAiTesting.azure(RESOURCE, Map.of("api", "v2"))))
        .hasMessage("invalid configuration: providers.openai-test.options.api: 'v2' (expected: deployments or v1)");
    assertThatThrownBy(() -> AzureOpenAiSettings.from(OpenAiTesting.azure(RESOURCE,
        Map.of("api-version", "2024-10-21&x=1"))))
        .hasMessageStartingWith("invalid configuration: providers.openai-test.options.api-version: '2024-10-21&x=1'");
    assertThatThrownBy(() -> AzureOpenAiSettings.from(OpenAiTesting.azure(RESOURCE, Map.of("deployment", "x"))))
        .hasMessageStartingWith("invalid configuration: providers.openai-test.options.deployment: unknown option");
  }

  @Test
  void neverShowsTheAzureKeyInSettings() {
    assertThat(AzureOpenAiSettings.from(OpenAiTesting.azure(RESOURCE, Map.of())).toString())
        .doesNotContain(OpenAiTesting.API_KEY);
  }

  @Test
  void derivesHuggingFaceUrlsFromTheServerRoot() {
    HuggingFaceSettings settings = HuggingFaceSettings.from(hf("http://localhost:8080", Map.of()));

    assertThat(settings.chatUrl()).hasToString("http://localhost:8080/v1/chat/completions");
    assertThat(settings.embedUrl()).hasToString("http://localhost:8080/embed");
    assertThat(settings.openAiEmbeddingsUrl()).hasToString("http://localhost:8080/v1/embeddings");
    assertThat(settings.infoUrl()).hasToString("http://localhost:8080/info");
    assertThat(settings.teiEmbeddings()).isTrue();
    assertThat(settings.jsonForm()).isEqualTo(OpenAiResponseFormats.Style.TGI_GRAMMAR);
  }

  @Test
  void dropsATrailingV1FromTheHuggingFaceBaseUrl() {
    HuggingFaceSettings router = HuggingFaceSettings.from(hf("https://router.huggingface.co/v1", Map.of()));
    HuggingFaceSettings endpoint = HuggingFaceSettings.from(
        hf("https://xyz.us-east-1.aws.endpoints.huggingface.cloud/v1/", Map.of("embeddings-api", "openai")));

    assertThat(router.chatUrl()).hasToString("https://router.huggingface.co/v1/chat/completions");
    assertThat(endpoint.infoUrl()).hasToString("https://xyz.us-east-1.aws.endpoints.huggingface.cloud/info");
    assertThat(endpoint.teiEmbeddings()).isFalse();
  }

  @Test
  void rejectsBadHuggingFaceOptions() {
    assertThatThrownBy(() -> HuggingFaceSettings.from(hf("http://localhost:8080", Map.of("embeddings-api", "native"))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("invalid configuration: providers.openai-test.options.embeddings-api: 'native' (expected: tei or openai)");
    assertThatThrownBy(() -> HuggingFaceSettings.from(hf("http://localhost:8080", Map.of("response-format", "json"))))
        .hasMessage("invalid configuration: providers.openai-test.options.response-format: 'json' (expected: tgi or openai)");
    assertThatThrownBy(() -> HuggingFaceSettings.from(hf("localhost:8080", Map.of())))
        .hasMessageStartingWith("invalid configuration: providers.openai-test.base-url: 'localhost:8080'");
  }

  private static ProviderConfig hf(String baseUrl, Map<String, String> options) {
    return OpenAiTesting.huggingFace(baseUrl, Optional.of(new Secret("hf_x")), options);
  }
}
