/**
 * Speaks Ollama's native API for every provider configured with {@code type = ollama} (base URL default
 * {@code http://localhost:11434}, no key unless a proxy wants a bearer token): chat ({@code POST /api/chat},
 * whole or streamed as newline-delimited JSON read line by line as it arrives), embeddings
 * ({@code POST /api/embed}) and the local model list ({@code GET /api/tags}). It writes the gateway's
 * requests as Ollama JSON with the streaming generator, turns each stream line into a
 * {@code CompleteStreamResponse} chunk, and classifies Ollama's {@code {"error": ...}} answers, error
 * lines and an unreachable server into the gateway's {@code ErrorKind}s. Adapter options: {@code num-ctx},
 * {@code keep-alive} and {@code truncate-embed-inputs}. The package never imports {@code io.grpc} or
 * another provider's package.
 */
package dev.llmgateway.server.providers.ollama;
