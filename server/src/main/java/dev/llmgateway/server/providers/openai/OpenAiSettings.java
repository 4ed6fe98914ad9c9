package dev.llmgateway.server.providers.openai;

import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.config.Secret;
import java.util.Set;
import javax.annotation.Nullable;
import okhttp3.HttpUrl;

/**
 * Holds the checked settings of one OpenAI-compatible provider: its endpoint URLs, credential and options.
 *
 * <p>Options: {@code max-tokens-field} names the request field that carries the output token limit,
 * {@code max_tokens} (the default, understood by every compatible server) or {@code max_completion_tokens}
 * (what OpenAI itself expects, and the only one its reasoning models accept).
 *
 * @param apiKey the credential sent as a bearer token, or null to send no authorization header
 */
record OpenAiSettings(
    String provider,
    HttpUrl chatUrl,
    HttpUrl embeddingsUrl,
    HttpUrl modelsUrl,
    HttpUrl imagesUrl,
    @Nullable Secret apiKey,
    String maxTokensField) {

  static final String MAX_TOKENS_FIELD_OPTION = OpenAiOptions.MAX_TOKENS_FIELD;
  private static final Set<String> OPTIONS = Set.of(MAX_TOKENS_FIELD_OPTION);

  /** Checks {@code config}, throwing {@link dev.llmgateway.server.config.InvalidConfigException} naming the first bad setting. */
  static OpenAiSettings from(ProviderConfig config) {
    HttpUrl root = OpenAiOptions.baseUrl(config,
        "the API root as an http:// or https:// URL, e.g. https://api.openai.com/v1");
    OpenAiOptions.rejectUnknown(config, OPTIONS);
    String maxTokensField = OpenAiOptions.maxTokensField(config);
    return new OpenAiSettings(config.name(), endpoint(root, "chat/completions"), endpoint(root, "embeddings"),
        endpoint(root, "models"), endpoint(root, "images/generations"), config.apiKey().orElse(null), maxTokensField);
  }

  private static HttpUrl endpoint(HttpUrl root, String path) {
    return root.newBuilder().addPathSegments(path).build();
  }
}
