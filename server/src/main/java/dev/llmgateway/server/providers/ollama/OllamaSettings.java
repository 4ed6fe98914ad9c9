package dev.llmgateway.server.providers.ollama;

import dev.llmgateway.server.config.InvalidConfigException;
import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.config.Secret;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import okhttp3.HttpUrl;

/**
 * Holds the checked settings of one Ollama server: its endpoint URLs, optional credential and options.
 *
 * <p>The base URL is the server root ({@code http://localhost:11434}, the default when none is
 * configured); the adapter adds {@code /api/chat}, {@code /api/embed} and {@code /api/tags}. Ollama needs
 * no key; one is sent as a bearer token when configured, for servers behind an authenticating proxy.
 *
 * <p>Options:
 * <ul>
 *   <li>{@code num-ctx}: the context length ({@code options.num_ctx}) sent with every request. Ollama's
 *       own default is small and it silently drops the start of longer prompts, so set it to what the
 *       models should really use.
 *   <li>{@code keep-alive}: how long Ollama keeps a model loaded after a request, as a Go duration
 *       ({@code 5m}, {@code 1h}) or whole seconds ({@code 0} unloads at once, {@code -1} keeps it).
 *   <li>{@code truncate-embed-inputs}: {@code false} (the default) makes Ollama reject an embedding input
 *       longer than the context instead of silently embedding only its start; {@code true} truncates.
 * </ul>
 *
 * @param apiKey the credential sent as a bearer token, or null to send no authorization header
 * @param numCtx the context length to ask for, or 0 to leave Ollama's default
 * @param keepAlive the keep-alive value to send, or null to leave Ollama's default
 */
record OllamaSettings(
    String provider,
    String baseUrl,
    HttpUrl chatUrl,
    HttpUrl embedUrl,
    HttpUrl tagsUrl,
    @Nullable Secret apiKey,
    int numCtx,
    @Nullable String keepAlive,
    boolean truncateEmbedInputs) {

  static final String DEFAULT_BASE_URL = "http://localhost:11434";
  static final String NUM_CTX_OPTION = "num-ctx";
  static final String KEEP_ALIVE_OPTION = "keep-alive";
  static final String TRUNCATE_OPTION = "truncate-embed-inputs";
  private static final Set<String> OPTIONS = Set.of(NUM_CTX_OPTION, KEEP_ALIVE_OPTION, TRUNCATE_OPTION);
  private static final Pattern SECONDS = Pattern.compile("-?\\d+");
  private static final Pattern GO_DURATION = Pattern.compile("-?(\\d+(\\.\\d+)?(ns|us|\\u00b5s|ms|s|m|h))+");

  /** Checks {@code config}, throwing {@link InvalidConfigException} naming the first bad setting. */
  static OllamaSettings from(ProviderConfig config) {
    String prefix = "invalid configuration: providers." + config.name() + ".";
    for (Map.Entry<String, String> option : config.options().entrySet()) {
      if (!OPTIONS.contains(option.getKey())) {
        // A misspelt option would otherwise be ignored silently.
        throw new InvalidConfigException(prefix + "options." + option.getKey()
            + ": unknown option of the ollama provider (known: " + new TreeSet<>(OPTIONS) + ")");
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
    if (root == null || root.query() != null || root.fragment() != null || base.endsWith("/api")
        || base.endsWith("/v1")) {
      throw new InvalidConfigException(prefix + "base-url: '" + config.baseUrl()
          + "' (expected: the Ollama server root, e.g. " + DEFAULT_BASE_URL
          + "; the adapter adds /api/chat itself, and /v1 is the OpenAI-compatible API of the openai type)");
    }
    return new OllamaSettings(config.name(), base, HttpUrl.get(base + "/api/chat"), HttpUrl.get(base + "/api/embed"),
        HttpUrl.get(base + "/api/tags"), config.apiKey().orElse(null), numCtx(config, prefix),
        keepAlive(config, prefix), truncate(config, prefix));
  }

  private static int numCtx(ProviderConfig config, String prefix) {
    String value = config.option(NUM_CTX_OPTION, "").strip();
    if (value.isEmpty()) {
      return 0;
    }
    try {
      int tokens = Integer.parseInt(value);
      if (tokens < 1) {
        throw new NumberFormatException();
      }
      return tokens;
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(prefix + "options." + NUM_CTX_OPTION + ": '" + value
          + "' (expected: a whole number of tokens, at least 1)");
    }
  }

  @Nullable
  private static String keepAlive(ProviderConfig config, String prefix) {
    String value = config.option(KEEP_ALIVE_OPTION, "").strip();
    if (value.isEmpty()) {
      return null;
    }
    if (!SECONDS.matcher(value).matches() && !GO_DURATION.matcher(value).matches()) {
      throw new InvalidConfigException(prefix + "options." + KEEP_ALIVE_OPTION + ": '" + value
          + "' (expected: a duration such as 5m or 1h30m, or whole seconds such as 0 or -1)");
    }
    return value;
  }

  private static boolean truncate(ProviderConfig config, String prefix) {
    String value = config.option(TRUNCATE_OPTION, "false").strip();
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new InvalidConfigException(prefix + "options." + TRUNCATE_OPTION + ": '" + value
          + "' (expected: true or false)");
    };
  }
}
