package dev.llmgateway.bench.gateway;

import java.util.List;

/**
 * Describes one catalogue entry of the gateway's benchmark configuration.
 *
 * @param id the catalogue id callers name
 * @param provider the configured provider name
 * @param upstreamModel the model name sent upstream (the mock reads the stream shape from it)
 * @param capabilities the capability names, as the configuration spells them
 */
public record BenchModel(String id, String provider, String upstreamModel, List<String> capabilities) {
  /** Copies the list. */
  public BenchModel {
    capabilities = List.copyOf(capabilities);
  }
}
