package dev.llmgateway.server.providers.openai;

import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.config.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Provides the configurations and SSE splitting the OpenAI adapter tests share. */
final class OpenAiTesting {
  static final String PROVIDER = "openai-test";
  static final String API_KEY = "sk-test-0123456789";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

  private OpenAiTesting() {}

  static ProviderConfig config(String baseUrl, Optional<Secret> apiKey, Map<String, String> headers,
      Map<String, String> options) {
    return new ProviderConfig(PROVIDER, "openai", baseUrl, apiKey.isPresent() ? "OPENAI_API_KEY" : "", apiKey, true,
        headers, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), true, options);
  }

  static ProviderConfig config(String baseUrl) {
    return config(baseUrl, Optional.of(new Secret(API_KEY)), Map.of(), Map.of());
  }

  /** Returns an {@code azure-openai} provider with the test key and {@code options}. */
  static ProviderConfig azure(String baseUrl, Map<String, String> options) {
    return new ProviderConfig(PROVIDER, "azure-openai", baseUrl, "AZURE_OPENAI_API_KEY",
        Optional.of(new Secret(API_KEY)), true, Map.of(), Duration.ofSeconds(2), Duration.ofSeconds(5),
        Duration.ofSeconds(10), true, options);
  }

  /** Returns a {@code huggingface} provider with {@code token} (none when empty) and {@code options}. */
  static ProviderConfig huggingFace(String baseUrl, Optional<Secret> token, Map<String, String> options) {
    return new ProviderConfig(PROVIDER, "huggingface", baseUrl, token.isPresent() ? "HF_TOKEN" : "", token, true,
        Map.of(), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), true, options);
  }

  static OpenAiErrors errors() {
    return new OpenAiErrors(PROVIDER, CLOCK);
  }

  /**
   * Splits an OpenAI SSE body into the data of its events. OpenAI streams only {@code data:} lines,
   * one per event, separated by blank lines.
   */
  static List<String> eventData(String sse) {
    List<String> data = new ArrayList<>();
    for (String event : sse.split("\n\n")) {
      for (String line : event.split("\n")) {
        if (line.startsWith("data:")) {
          data.add(line.substring(line.startsWith("data: ") ? 6 : 5));
        }
      }
    }
    return data;
  }
}
