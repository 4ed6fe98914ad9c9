/**
 * The Java client for llm-gateway. The generated stubs ({@code dev.llmgateway.v1.GatewayServiceGrpc})
 * and messages come with this artifact, together with the {@code .proto} files they were generated from.
 */
package dev.llmgateway.client;
