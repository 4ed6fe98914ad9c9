package dev.llmgateway.server.config;

import java.time.Duration;

/**
 * Model discovery: asking providers with {@code discover-models = true} for their model lists.
 *
 * @param interval how often to ask again after start-up; zero means only at start-up and on request
 * @param timeout how long one provider's listing may take
 */
public record DiscoveryConfig(Duration interval, Duration timeout) {}
