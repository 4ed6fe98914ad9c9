/**
 * The Java client for llm-gateway. {@link dev.llmgateway.client.GatewayClient} (built by
 * {@link dev.llmgateway.client.GatewayClientBuilder}) calls every method of {@code GatewayService}
 * with deadlines, an API key, TLS and a default retry policy, and turns every failure into one
 * {@link dev.llmgateway.client.GatewayClientException} with the status details decoded. The
 * generated stubs ({@code dev.llmgateway.v1.GatewayServiceGrpc}) and messages come with this
 * artifact, together with the {@code .proto} files they were generated from, for callers who need
 * the raw stubs or stubs in another language.
 */
package dev.llmgateway.client;
