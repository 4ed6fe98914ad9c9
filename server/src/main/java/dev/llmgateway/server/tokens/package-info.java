/**
 * Counting tokens inside the gateway, for models whose provider has no counting endpoint: the model
 * family's published tokenizer where one is known, otherwise a character-based estimate. Pure; no gRPC.
 */
package dev.llmgateway.server.tokens;
