package dev.llmgateway.server.providers.gemini;

import dev.llmgateway.server.config.InvalidConfigException;
import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.config.Secret;
import dev.llmgateway.server.errors.GatewayException;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.Nullable;
import okhttp3.HttpUrl;

/**
 * Holds the checked settings of one Gemini provider: the API root and the key. An empty
 * {@code base-url} means Google's public endpoint.
 *
 * <p>Options: {@code embed-batch-size}, the most texts sent in one {@code batchEmbedContents} call
 * (default and maximum 100, the limit the API enforces); larger embedding requests are split into
 * consecutive calls.
 *
 * @param baseUrl the API root, e.g. {@code https://generativelanguage.googleapis.com/v1beta}
 * @param apiKey the key sent as {@code x-goog-api-key}, or null to send none (a proxy that adds it)
 */
record GeminiSettings(String provider, HttpUrl baseUrl, @Nullable Secret apiKey, int embedBatchSize) {
  static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com/v1beta";
  static final String EMBED_BATCH_SIZE_OPTION = "embed-batch-size";
  static final int MAX_EMBED_BATCH_SIZE = 100;

  private static final Set<String> OPTIONS = Set.of(EMBED_BATCH_SIZE_OPTION);

  /** Checks {@code config}, throwing {@link InvalidConfigException} naming the first bad setting. */
  static GeminiSettings from(ProviderConfig config) {
    String prefix = "invalid configuration: providers." + config.name() + ".";
    for (String key : config.options().keySet()) {
      if (!OPTIONS.contains(key)) {
        // A misspelt option would otherwise be ignored silently.
        throw new InvalidConfigException(prefix + "options." + key + ": not an option of the gemini provider"
            + " (known: " + new TreeSet<>(OPTIONS) + ")");
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
    return new GeminiSettings(config.name(), root, config.apiKey().orElse(null), batchSize(config, prefix));
  }

  /** Returns the URL of {@code GET /models}. */
  HttpUrl modelsUrl() {
    return baseUrl.newBuilder().addPathSegment("models").build();
  }

  /** Returns the URL of a model method, {@code {base}/models/{model}:{method}}; see {@link #modelResource}. */
  HttpUrl methodUrl(String model, String method) {
    String[] segments = modelResource(model).split("/");
    HttpUrl.Builder url = baseUrl.newBuilder();
    for (int i = 0; i < segments.length - 1; i++) {
      url.addPathSegment(segments[i]);
    }
    return url.addPathSegment(segments[segments.length - 1] + ":" + method).build();
  }

  /**
   * Returns the resource name of {@code model}: {@code models/{model}} for a bare id, or the name itself
   * when it already is one ({@code models/...}, {@code tunedModels/...}). Throws INVALID_REQUEST naming
   * the model field for anything else, so no model name can reach another path of the API.
   */
  static String modelResource(String model) {
    String resource = model.contains("/") ? model : "models/" + model;
    String[] segments = resource.split("/", -1);
    boolean valid = segments.length == 2 && (segments[0].equals("models") || segments[0].equals("tunedModels"))
        && !segments[1].isEmpty() && !segments[1].equals(".") && !segments[1].equals("..")
        && segments[1].indexOf(':') < 0;
    if (!valid) {
      throw GatewayException.invalidField("model", "'" + model + "' is not a Gemini model name");
    }
    return resource;
  }

  private static int batchSize(ProviderConfig config, String prefix) {
    String value = config.option(EMBED_BATCH_SIZE_OPTION, Integer.toString(MAX_EMBED_BATCH_SIZE)).strip();
    String expected = "' (expected: a whole number from 1 to " + MAX_EMBED_BATCH_SIZE + ")";
    int size;
    try {
      size = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(prefix + "options." + EMBED_BATCH_SIZE_OPTION + ": '" + value + expected, e);
    }
    if (size < 1 || size > MAX_EMBED_BATCH_SIZE) {
      throw new InvalidConfigException(prefix + "options." + EMBED_BATCH_SIZE_OPTION + ": '" + value + expected);
    }
    return size;
  }
}
