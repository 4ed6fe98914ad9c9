package dev.llmgateway.server.providers.openai;

import dev.llmgateway.server.config.InvalidConfigException;
import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.config.Secret;
import java.util.List;
import java.util.Set;
import javax.annotation.Nullable;
import okhttp3.HttpUrl;

/**
 * Holds the checked settings of one Azure OpenAI provider and builds its URLs.
 *
 * <p>{@code base-url} is the resource endpoint, e.g. {@code https://my-resource.openai.azure.com}. Options:
 * <ul>
 *   <li>{@code api}: {@code deployments} (default) calls
 *       {@code {base}/openai/deployments/{deployment}/chat/completions?api-version=...}, the deployment being
 *       the model's upstream name; {@code v1} calls the v1 API, {@code {base}/openai/v1/chat/completions}
 *       with the deployment in the body's {@code model} field and no api-version (GA since August 2025
 *       for chat completions, embeddings and models).
 *   <li>{@code api-version}: for {@code deployments}, default {@value #DEFAULT_API_VERSION}, the latest GA
 *       data-plane version; for {@code v1}, unset, or {@code preview} to reach preview features.
 *   <li>{@code image-api-version}: the api-version of image requests, default {@code api-version}; GPT image
 *       deployments need a preview version (2025-04-01-preview) on the deployments API.
 *   <li>{@code auth}: {@code api-key} (default) sends the configured key as the {@code api-key} header;
 *       {@code entra} sends it as {@code Authorization: Bearer}, the key variable then holding a Microsoft
 *       Entra ID access token for the {@code https://cognitiveservices.azure.com} scope.
 *   <li>{@code max-tokens-field}: as for the {@code openai} type.
 * </ul>
 *
 * @param apiKey the configured key or token, or null to send no credential (a proxy adds it)
 * @param apiVersion the api-version query parameter, or null to send none
 * @param imageApiVersion the api-version of image requests, or null to send none
 */
record AzureOpenAiSettings(
    String provider,
    HttpUrl root,
    boolean v1,
    @Nullable String apiVersion,
    @Nullable String imageApiVersion,
    boolean entra,
    @Nullable Secret apiKey,
    String maxTokensField) {

  static final String DEFAULT_API_VERSION = "2024-10-21";
  static final String API = "api";
  static final String API_VERSION = "api-version";
  static final String IMAGE_API_VERSION = "image-api-version";
  static final String AUTH = "auth";
  private static final Set<String> OPTIONS =
      Set.of(API, API_VERSION, IMAGE_API_VERSION, AUTH, OpenAiOptions.MAX_TOKENS_FIELD);

  /** Checks {@code config}, throwing {@link InvalidConfigException} naming the first bad setting. */
  static AzureOpenAiSettings from(ProviderConfig config) {
    HttpUrl root = OpenAiOptions.baseUrl(config,
        "the resource endpoint as an https:// URL, e.g. https://my-resource.openai.azure.com");
    String path = root.encodedPath();
    if (path.endsWith("/openai") || path.endsWith("/openai/v1") || path.contains("/openai/deployments")) {
      throw new InvalidConfigException(OpenAiOptions.prefix(config) + "base-url: '" + config.baseUrl()
          + "' (expected: the resource endpoint without /openai, e.g. https://my-resource.openai.azure.com;"
          + " choose the API with options.api)");
    }
    OpenAiOptions.rejectUnknown(config, OPTIONS);
    boolean v1 = OpenAiOptions.oneOf(config, API, "deployments", List.of("deployments", "v1")).equals("v1");
    String apiVersion = config.options().containsKey(API_VERSION) || !v1
        ? OpenAiOptions.apiVersion(config, API_VERSION, DEFAULT_API_VERSION) : null;
    String imageApiVersion = config.options().containsKey(IMAGE_API_VERSION)
        ? OpenAiOptions.apiVersion(config, IMAGE_API_VERSION, DEFAULT_API_VERSION) : apiVersion;
    boolean entra = OpenAiOptions.oneOf(config, AUTH, "api-key", List.of("api-key", "entra")).equals("entra");
    return new AzureOpenAiSettings(config.name(), root, v1, apiVersion, imageApiVersion, entra,
        config.apiKey().orElse(null), OpenAiOptions.maxTokensField(config));
  }

  /** Returns the chat completions URL of {@code deployment}. */
  HttpUrl chatUrl(String deployment) {
    return url(deployment, "chat/completions", apiVersion);
  }

  /** Returns the embeddings URL of {@code deployment}. */
  HttpUrl embeddingsUrl(String deployment) {
    return url(deployment, "embeddings", apiVersion);
  }

  /** Returns the image generations URL of {@code deployment}. */
  HttpUrl imagesUrl(String deployment) {
    return url(deployment, "images/generations", imageApiVersion);
  }

  /** Returns the {@code model} to write in request bodies: the deployment on the v1 API, none where the URL names it. */
  @Nullable
  String bodyModel(String deployment) {
    return v1 ? deployment : null;
  }

  private HttpUrl url(String deployment, String operation, @Nullable String version) {
    HttpUrl.Builder url = root.newBuilder();
    if (v1) {
      url.addPathSegments("openai/v1");
    } else {
      // One encoded segment: a deployment name can never reach another path.
      url.addPathSegments("openai/deployments").addPathSegment(deployment);
    }
    url.addPathSegments(operation);
    if (version != null) {
      url.addQueryParameter("api-version", version);
    }
    return url.build();
  }
}
