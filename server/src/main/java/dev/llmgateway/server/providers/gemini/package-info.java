/**
 * Speaks Google's Gemini API (the Generative Language API: {@code generateContent},
 * {@code streamGenerateContent?alt=sse}, {@code embedContent} / {@code batchEmbedContents},
 * {@code countTokens}, {@code GET /models}) for every provider configured with {@code type = gemini}:
 * translates the gateway's requests into Gemini's JSON and back, turns each stream event into a
 * {@code CompleteStreamResponse} chunk as it arrives, carries thought signatures through tool call ids,
 * and classifies Google's {@code google.rpc.Status} errors into the gateway's {@code ErrorKind}s. An empty
 * {@code base-url} means {@code https://generativelanguage.googleapis.com/v1beta}; the one adapter option,
 * {@code embed-batch-size} (default and maximum 100), bounds the texts per {@code batchEmbedContents} call.
 * The package never imports {@code io.grpc} or another provider's package.
 */
package dev.llmgateway.server.providers.gemini;
