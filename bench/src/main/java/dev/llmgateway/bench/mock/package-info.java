/**
 * Serves a fast stand-in for LLM providers on loopback: the OpenAI-compatible chat completions,
 * embeddings and models endpoints and Anthropic's messages endpoint, streaming and not, with bodies
 * that follow the providers' documented wire formats. Answers are deterministic ({@link
 * dev.llmgateway.bench.mock.MockContent}) so callers can check every response, and the stream shape
 * (chunk count, delay between chunks) is chosen per request through the model name or headers, so one
 * server serves every scenario. Parameters and return values are non-null unless marked otherwise.
 */
package dev.llmgateway.bench.mock;
