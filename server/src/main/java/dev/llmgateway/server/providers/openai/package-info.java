/**
 * The provider types that speak the OpenAI wire format: {@code openai} for OpenAI and every server that
 * copies its HTTP API (Mistral, Groq, vLLM, Ollama's OpenAI endpoint and others), {@code azure-openai}
 * for Azure OpenAI's deployment-addressed and v1 APIs, and {@code huggingface} for Text Generation
 * Inference's Messages API and Text Embeddings Inference. They share one request writer, response and
 * stream translators, one error classifier ({@link dev.llmgateway.server.providers.openai.OpenAiErrors})
 * and one sender; each type adds only its URLs, credential header and native endpoints (images, TEI's
 * {@code /embed}, TGI's {@code /info}). Imports only the provider SPI and its shared HTTP plumbing, never
 * {@code io.grpc} or another provider's package.
 */
package dev.llmgateway.server.providers.openai;
