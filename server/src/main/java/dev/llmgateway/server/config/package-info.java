/**
 * The gateway's configuration: one immutable record tree ({@link dev.llmgateway.server.config.GatewayConfig})
 * loaded and validated once at start-up by {@link dev.llmgateway.server.config.ConfigLoader} from a HOCON
 * file, then bound as an instance. Nothing else reads files or environment variables for settings.
 * Values are non-null unless documented otherwise.
 */
package dev.llmgateway.server.config;
