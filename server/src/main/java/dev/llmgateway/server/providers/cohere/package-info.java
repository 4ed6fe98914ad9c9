/**
 * Speaks Cohere's API for every provider configured with {@code type = cohere} (base URL default
 * {@code https://api.cohere.com}, bearer key): v2 chat ({@code POST /v2/chat}, whole or streamed as
 * server-sent events), v2 embeddings ({@code POST /v2/embed}) and the model list ({@code GET /v1/models}).
 * It writes the gateway's requests as Cohere JSON with the streaming generator, turns each stream event
 * into a {@code CompleteStreamResponse} chunk as it arrives, and classifies Cohere's errors into the
 * gateway's {@code ErrorKind}s. Adapter option: {@code embed-input-type} (default {@code search_document}),
 * the {@code input_type} sent when an embedding request names none. The package never imports
 * {@code io.grpc} or another provider's package.
 */
package dev.llmgateway.server.providers.cohere;
