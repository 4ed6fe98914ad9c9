package dev.llmgateway.server.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One configured provider.
 *
 * @param name the name callers and the catalogue use, e.g. {@code openai}
 * @param type the adapter that speaks to it: {@code openai} (any OpenAI-compatible API), {@code anthropic}, {@code demo}
 * @param baseUrl the API root, e.g. {@code https://api.openai.com/v1}; empty for {@code demo}
 * @param apiKeyEnv the environment variable that holds the credential; empty when none is needed
 * @param apiKey the credential read from {@code apiKeyEnv}, if set
 * @param enabled whether the provider serves calls: false when switched off, or when its credential variable is unset
 * @param headers extra HTTP headers sent with every upstream request
 * @param connectTimeout the TCP and TLS connect timeout
 * @param readTimeout the longest silence allowed between bytes of a response (and stream events)
 * @param requestTimeout the longest a whole non-streaming call may take; streams are bounded by the caller's deadline
 * @param allowUnlistedModels whether callers may name {@code <provider>/<upstream-model>} outside the catalogue
 * @param options adapter-specific settings (documented per adapter), as strings
 * @param discoverModels whether the provider's own model list is merged into the catalogue
 */
public record ProviderConfig(
    String name,
    String type,
    String baseUrl,
    String apiKeyEnv,
    Optional<Secret> apiKey,
    boolean enabled,
    Map<String, String> headers,
    Duration connectTimeout,
    Duration readTimeout,
    Duration requestTimeout,
    boolean allowUnlistedModels,
    Map<String, String> options,
    boolean discoverModels) {
  public ProviderConfig {
    headers = Map.copyOf(headers);
    options = Map.copyOf(options);
  }

  /** Creates a provider configuration that does not take part in model discovery. */
  public ProviderConfig(String name, String type, String baseUrl, String apiKeyEnv, Optional<Secret> apiKey,
      boolean enabled, Map<String, String> headers, Duration connectTimeout, Duration readTimeout,
      Duration requestTimeout, boolean allowUnlistedModels, Map<String, String> options) {
    this(name, type, baseUrl, apiKeyEnv, apiKey, enabled, headers, connectTimeout, readTimeout, requestTimeout,
        allowUnlistedModels, options, false);
  }

  /** Returns an adapter option, or {@code fallback} when it is not set. */
  public String option(String key, String fallback) {
    return options.getOrDefault(key, fallback);
  }
}
