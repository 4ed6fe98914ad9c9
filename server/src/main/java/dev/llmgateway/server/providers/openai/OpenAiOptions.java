package dev.llmgateway.server.providers.openai;

import dev.llmgateway.server.config.InvalidConfigException;
import dev.llmgateway.server.config.ProviderConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import okhttp3.HttpUrl;

/**
 * Checks the configuration the provider types of this package have in common: the base URL, the set
 * of known options and options that take one of a few values. Every failure is an
 * {@link InvalidConfigException} whose message names the setting, so start-up stops with a pointer.
 */
final class OpenAiOptions {
  static final String MAX_TOKENS_FIELD = "max-tokens-field";
  static final List<String> MAX_TOKENS_FIELDS = List.of("max_tokens", "max_completion_tokens");

  private OpenAiOptions() {}

  /** Returns the start of every message about {@code config}: {@code invalid configuration: providers.<name>.}. */
  static String prefix(ProviderConfig config) {
    return "invalid configuration: providers." + config.name() + ".";
  }

  /** Rejects an option key outside {@code known}: a misspelt option would otherwise be ignored silently. */
  static void rejectUnknown(ProviderConfig config, Set<String> known) {
    for (Map.Entry<String, String> option : config.options().entrySet()) {
      if (!known.contains(option.getKey())) {
        throw new InvalidConfigException(prefix(config) + "options." + option.getKey()
            + ": unknown option (known: " + new TreeSet<>(known) + ")");
      }
    }
  }

  /**
   * Returns the configured base URL without trailing slashes, as an http or https URL with neither
   * query nor fragment (endpoint paths are appended to it).
   *
   * @param expected what a good value looks like, for the message
   */
  static HttpUrl baseUrl(ProviderConfig config, String expected) {
    String base = config.baseUrl().strip();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    HttpUrl root = HttpUrl.parse(base);
    if (base.isEmpty() || root == null || root.query() != null || root.fragment() != null) {
      throw new InvalidConfigException(prefix(config) + "base-url: '" + config.baseUrl() + "' (expected: " + expected + ")");
    }
    return root;
  }

  /** Returns the option's value, which must be one of {@code allowed}; {@code fallback} when unset. */
  static String oneOf(ProviderConfig config, String key, String fallback, List<String> allowed) {
    String value = config.option(key, fallback).strip();
    if (!allowed.contains(value)) {
      throw new InvalidConfigException(prefix(config) + "options." + key + ": '" + value + "' (expected: "
          + String.join(" or ", allowed) + ")");
    }
    return value;
  }

  /** Returns the request field that carries the output token limit; see {@link OpenAiSettings}. */
  static String maxTokensField(ProviderConfig config) {
    return oneOf(config, MAX_TOKENS_FIELD, MAX_TOKENS_FIELDS.get(0), MAX_TOKENS_FIELDS);
  }

  /**
   * Returns an API version option, or {@code fallback} when unset. Versions go into a query string,
   * so only the characters real versions use are accepted ({@code 2024-10-21}, {@code preview}).
   */
  static String apiVersion(ProviderConfig config, String key, String fallback) {
    String value = config.option(key, fallback).strip();
    if (!value.matches("[A-Za-z0-9.-]+")) {
      throw new InvalidConfigException(prefix(config) + "options." + key + ": '" + value
          + "' (expected: an API version such as 2024-10-21 or preview)");
    }
    return value;
  }
}
