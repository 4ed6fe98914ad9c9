package dev.llmgateway.server.providers.cohere;

import dev.llmgateway.server.config.InvalidConfigException;
import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.config.Secret;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.Nullable;
import okhttp3.HttpUrl;

/**
 * Holds the checked settings of one Cohere provider: its endpoint URLs, credential and options.
 *
 * <p>The base URL is the API root without a version ({@code https://api.cohere.com}, the default when
 * none is configured), because chat and embeddings live under {@code /v2} while the model list is still
 * {@code /v1/models}.
 *
 * <p>Options: {@code embed-input-type} is the {@code input_type} sent when an embedding request does not
 * say what its inputs are for. Cohere requires one for every v3 and later embedding model and documents
 * no default; {@code search_document} (the default here, as in LangChain and LiteLLM) suits the most
 * common use, vectors stored in an index.
 *
 * @param apiKey the credential sent as a bearer token, or null to send no authorization header
 */
record CohereSettings(
    String provider,
    HttpUrl chatUrl,
    HttpUrl embedUrl,
    HttpUrl modelsUrl,
    @Nullable Secret apiKey,
    String embedInputType) {

  static final String DEFAULT_BASE_URL = "https://api.cohere.com";
  static final String EMBED_INPUT_TYPE_OPTION = "embed-input-type";
  static final String DEFAULT_EMBED_INPUT_TYPE = "search_document";
  static final Set<String> INPUT_TYPES = Set.of("search_document", "search_query", "classification", "clustering");
  private static final Set<String> OPTIONS = Set.of(EMBED_INPUT_TYPE_OPTION);

  /** Checks {@code config}, throwing {@link InvalidConfigException} naming the first bad setting. */
  static CohereSettings from(ProviderConfig config) {
    String prefix = "invalid configuration: providers." + config.name() + ".";
    for (Map.Entry<String, String> option : config.options().entrySet()) {
      if (!OPTIONS.contains(option.getKey())) {
        // A misspelt option would otherwise be ignored silently.
        throw new InvalidConfigException(prefix + "options." + option.getKey()
            + ": unknown option of the cohere provider (known: " + new TreeSet<>(OPTIONS) + ")");
      }
    }
    String base = config.baseUrl().strip();
    if (base.isEmpty()) {
      base = DEFAULT_BASE_URL;
    }
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    HttpUrl root = HttpUrl.parse(base);
    if (root == null || root.query() != null || root.fragment() != null) {
      throw new InvalidConfigException(prefix + "base-url: '" + config.baseUrl()
          + "' (expected: the API root as an http:// or https:// URL, e.g. " + DEFAULT_BASE_URL + ")");
    }
    if (base.endsWith("/v1") || base.endsWith("/v2")) {
      throw new InvalidConfigException(prefix + "base-url: '" + config.baseUrl()
          + "' (expected: the API root without a version, e.g. " + DEFAULT_BASE_URL
          + "; the adapter adds /v2/chat, /v2/embed and /v1/models itself)");
    }
    String inputType = config.option(EMBED_INPUT_TYPE_OPTION, DEFAULT_EMBED_INPUT_TYPE).strip();
    if (!INPUT_TYPES.contains(inputType)) {
      throw new InvalidConfigException(prefix + "options." + EMBED_INPUT_TYPE_OPTION + ": '" + inputType
          + "' (expected one of " + new TreeSet<>(INPUT_TYPES) + ")");
    }
    return new CohereSettings(config.name(), HttpUrl.get(base + "/v2/chat"), HttpUrl.get(base + "/v2/embed"),
        HttpUrl.get(base + "/v1/models"), config.apiKey().orElse(null), inputType);
  }
}
