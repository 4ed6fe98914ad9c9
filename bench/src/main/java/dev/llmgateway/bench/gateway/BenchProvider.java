package dev.llmgateway.bench.gateway;

/**
 * Describes one provider entry of the gateway's benchmark configuration, always pointing at the mock.
 *
 * @param name the configuration name, which the gateway reports back on every answer
 * @param type the adapter type, e.g. {@code openai}
 * @param baseUrl the mock's base URL for that wire format
 */
public record BenchProvider(String name, String type, String baseUrl) {}
