package dev.llmgateway.server.providers.openai;

import dev.llmgateway.server.config.InvalidConfigException;
import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.config.Secret;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
    @Nullable Secret apiKey,
    String maxTokensField) {

  static final String MAX_TOKENS_FIELD_OPTION = "max-tokens-field";
  private static final Set<String> MAX_TOKENS_FIELDS = Set.of("max_tokens", "max_completion_tokens");
  private static final Set<String> OPTIONS = Set.of(MAX_TOKENS_FIELD_OPTION);

  /** Checks {@code config}, throwing {@link InvalidConfigException} naming the first bad setting. */
  static OpenAiSettings from(ProviderConfig config) {
    String prefix = "invalid configuration: providers." + config.name() + ".";
    String base = config.baseUrl().strip();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    HttpUrl root = HttpUrl.parse(base);
    if (base.isEmpty() || root == null || root.query() != null || root.fragment() != null) {
      throw new InvalidConfigException(prefix + "base-url: '" + config.baseUrl()
          + "' (expected: the API root as an http:// or https:// URL, e.g. https://api.openai.com/v1)");
    }
    for (Map.Entry<String, String> option : config.options().entrySet()) {
      if (!OPTIONS.contains(option.getKey())) {
        throw new InvalidConfigException(prefix + "options." + option.getKey()
            + ": unknown option (known: " + new TreeSet<>(OPTIONS) + ")");
      }
    }
    String maxTokensField = config.option(MAX_TOKENS_FIELD_OPTION, "max_tokens").strip();
    if (!MAX_TOKENS_FIELDS.contains(maxTokensField)) {
      throw new InvalidConfigException(prefix + "options." + MAX_TOKENS_FIELD_OPTION + ": '" + maxTokensField
          + "' (expected: max_tokens or max_completion_tokens)");
    }
    return new OpenAiSettings(config.name(), HttpUrl.get(base + "/chat/completions"),
        HttpUrl.get(base + "/embeddings"), HttpUrl.get(base + "/models"), config.apiKey().orElse(null),
        maxTokensField);
  }
}
