/**
 * The gateway process: {@link dev.llmgateway.server.Main} loads and validates the configuration,
 * builds the Guice injector from {@link dev.llmgateway.server.GatewayModules} (the only place that
 * touches the injector) and runs {@link dev.llmgateway.server.GatewayServer}. Values are non-null
 * unless {@code @Nullable}.
 */
package dev.llmgateway.server;
