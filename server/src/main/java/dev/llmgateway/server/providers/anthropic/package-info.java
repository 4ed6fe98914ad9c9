/**
 * Speaks Anthropic's Messages API ({@code POST /messages}, server-sent event streams,
 * {@code POST /messages/count_tokens} for exact token counts, {@code GET /models})
 * for every provider configured with {@code type = anthropic}: translates the gateway's requests into
 * Anthropic's JSON and back, turns each stream event into a {@code CompleteStreamResponse} chunk as it
 * arrives, and classifies Anthropic's errors into the gateway's {@code ErrorKind}s. Adapter options:
 * {@code anthropic-version} (default {@code 2023-06-01}) and {@code default-max-tokens} (default 4096, sent
 * when a request sets no {@code max_output_tokens}, because Anthropic requires one). The package never
 * imports {@code io.grpc} or another provider's package.
 */
package dev.llmgateway.server.providers.anthropic;
