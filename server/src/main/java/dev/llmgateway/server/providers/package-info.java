/**
 * The provider SPI: {@link dev.llmgateway.server.providers.ProviderAdapter} and the types it speaks,
 * plus the registry that creates one adapter per enabled configured provider. Adapters live in one
 * sub-package each and never import each other. Nothing here or below imports {@code io.grpc}: failures
 * are {@link dev.llmgateway.server.errors.GatewayException}s carrying an
 * {@link dev.llmgateway.server.errors.ErrorKind}. Values are non-null unless {@code @Nullable}.
 */
package dev.llmgateway.server.providers;
