/**
 * The {@code openai} provider type: one adapter for OpenAI and every server that copies its HTTP API
 * (Mistral, Groq, vLLM, Ollama's OpenAI endpoint and others), covering chat completions, streamed
 * completions over server-sent events, embeddings and model listing. Requests are written with Jackson's
 * streaming generator and answers read from trees or the streaming parser; all failures are classified
 * by {@link dev.llmgateway.server.providers.openai.OpenAiErrors}. Imports only the provider SPI and its
 * shared HTTP plumbing, never {@code io.grpc} or another provider's package.
 */
package dev.llmgateway.server.providers.openai;
