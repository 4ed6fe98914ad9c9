package dev.llmgateway.server.providers.anthropic;

import dev.llmgateway.server.config.InvalidConfigException;
import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.config.Secret;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * Holds the settings of one Anthropic provider, checked once at start-up.
 *
 * @param baseUrl the API root without a trailing slash, e.g. {@code https://api.anthropic.com/v1}
 * @param apiKey the key sent as {@code x-api-key}, if configured
 * @param version the {@code anthropic-version} header value
 * @param defaultMaxTokens the {@code max_tokens} sent when a request sets none
 */
record AnthropicSettings(String baseUrl, Optional<Secret> apiKey, String version, int defaultMaxTokens) {
  static final String VERSION_OPTION = "anthropic-version";
  static final String MAX_TOKENS_OPTION = "default-max-tokens";
  static final String DEFAULT_VERSION = "2023-06-01";
  static final int DEFAULT_MAX_TOKENS = 4096;

  private static final Set<String> OPTIONS = Set.of(VERSION_OPTION, MAX_TOKENS_OPTION);

  /** Reads and checks {@code config}; throws {@link InvalidConfigException} naming the bad setting. */
  static AnthropicSettings from(ProviderConfig config) {
    String prefix = "invalid configuration: providers." + config.name() + ".";
    for (String key : config.options().keySet()) {
      if (!OPTIONS.contains(key)) {
        // A misspelt option would otherwise be ignored silently.
        throw new InvalidConfigException(prefix + "options." + key + ": not an option of the anthropic provider"
            + " (known: " + VERSION_OPTION + ", " + MAX_TOKENS_OPTION + ")");
      }
    }
    String base = config.baseUrl().strip();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    if (base.isEmpty() || HttpUrl.parse(base) == null) {
      throw new InvalidConfigException(prefix + "base-url: '" + config.baseUrl()
          + "' (expected: an http or https URL such as https://api.anthropic.com/v1)");
    }
    String version = config.option(VERSION_OPTION, DEFAULT_VERSION).strip();
    if (version.isEmpty()) {
      throw new InvalidConfigException(prefix + "options." + VERSION_OPTION
          + ": must not be empty (expected: an API version such as " + DEFAULT_VERSION + ")");
    }
    return new AnthropicSettings(base, config.apiKey(), version, maxTokens(config, prefix));
  }

  private static int maxTokens(ProviderConfig config, String prefix) {
    String value = config.option(MAX_TOKENS_OPTION, Integer.toString(DEFAULT_MAX_TOKENS)).strip();
    try {
      int tokens = Integer.parseInt(value);
      if (tokens < 1) {
        throw new NumberFormatException();
      }
      return tokens;
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(prefix + "options." + MAX_TOKENS_OPTION + ": '" + value
          + "' (expected: a whole number of tokens, at least 1)");
    }
  }
}
