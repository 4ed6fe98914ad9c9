/**
 * Speaks Amazon Bedrock for every provider configured with {@code type = bedrock}: Converse and
 * ConverseStream for chat (the stream's binary {@code application/vnd.amazon.eventstream} frames decoded
 * with the AWS event-stream library as they arrive), InvokeModel for Titan and Cohere embeddings and for
 * Nova Canvas / Titan Image Generator images, and the control plane's foundation-model list; every request
 * is signed with SigV4 by the AWS SDK's signer, using the standard AWS credential variables. Options:
 * {@code region} (else {@code AWS_REGION}) and {@code control-base-url}; {@code base-url} overrides the
 * Bedrock Runtime endpoint. The package never imports {@code io.grpc} or another provider's package.
 */
package dev.llmgateway.server.providers.bedrock;
