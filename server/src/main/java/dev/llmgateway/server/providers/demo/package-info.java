/**
 * The offline demo provider: a deterministic stand-in that needs no key and no network, so the gateway
 * works out of the box. It is clearly labelled in every answer and is not a language model. Imports
 * only the provider SPI, never another adapter or {@code io.grpc}.
 */
package dev.llmgateway.server.providers.demo;
