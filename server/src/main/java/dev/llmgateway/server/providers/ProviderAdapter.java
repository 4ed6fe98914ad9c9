package dev.llmgateway.server.providers;

import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.CountTokensRequest;
import dev.llmgateway.v1.CountTokensResponse;
import dev.llmgateway.v1.EmbedResponse;
import dev.llmgateway.v1.GenerateImageRequest;
import dev.llmgateway.v1.GenerateImageResponse;
import java.time.Duration;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Speaks one provider's API. Every method starts the upstream call and returns at once, without
 * blocking; the outcome arrives later on the given sink, on a thread of the adapter's choosing, and
 * exactly one terminal callback is made. Methods never throw: every failure, including invalid
 * input the provider cannot express, reaches the sink as a
 * {@link dev.llmgateway.server.errors.GatewayException}. Implementations are thread-safe.
 *
 * <p>Responses name the configured provider ({@link ProviderConfig#name()}) and the upstream model
 * that served them; stream chunks follow the contract of {@code CompleteStreamResponse}: the first
 * names provider and model, the last carries finish reason and usage.
 */
public interface ProviderAdapter {

  /** Starts a whole-answer completion. */
  UpstreamCall complete(ProviderRequest<CompleteRequest> request, ResultSink<CompleteResponse> sink);

  /**
   * Starts a streamed completion. Each upstream event is translated and handed to
   * {@link StreamSink#onChunk} as soon as it is parsed; {@code onChunk} may block to apply back
   * pressure, so adapters call it from a thread that may wait (never an event loop).
   */
  UpstreamCall stream(ProviderRequest<CompleteRequest> request, StreamSink sink);

  /**
   * Starts an embedding call. Adapters whose provider has no embeddings API fail with
   * {@code INVALID_REQUEST} naming the {@code model} field.
   */
  UpstreamCall embed(ProviderRequest<EmbedRequest> request, ResultSink<EmbedResponse> sink);

  /**
   * Starts listing the models the provider offers (its own ids, as {@code upstreamModel} takes them),
   * with what it reports about each. {@code timeout} bounds the call; null means the provider's request
   * timeout.
   */
  UpstreamCall listModels(@Nullable Duration timeout, ResultSink<List<DiscoveredModel>> sink);

  /**
   * Returns whether {@link #countTokens} asks the provider's own counting endpoint. When false the
   * gateway counts with a tokenizer or an estimate instead and never calls it.
   */
  default boolean countsTokens() {
    return false;
  }

  /** Starts an exact token count through the provider's own endpoint; see {@link #countsTokens()}. */
  default UpstreamCall countTokens(ProviderRequest<CountTokensRequest> request, ResultSink<CountTokensResponse> sink) {
    sink.onError(GatewayException.invalidField("model", "the provider of model '" + request.upstreamModel()
        + "' has no token counting endpoint"));
    return UpstreamCall.DONE;
  }

  /**
   * Starts a text-to-image generation. Adapters whose provider draws no images keep this default, which
   * fails with INVALID_REQUEST naming the {@code model} field.
   */
  default UpstreamCall generateImage(ProviderRequest<GenerateImageRequest> request,
      ResultSink<GenerateImageResponse> sink) {
    sink.onError(GatewayException.invalidField("model", "the provider of model '" + request.upstreamModel()
        + "' offers no image generation"));
    return UpstreamCall.DONE;
  }

  /** Creates the adapter for one configured provider; bound per provider {@code type}. */
  interface Factory {
    /**
     * Returns an adapter for {@code config}, or throws
     * {@link dev.llmgateway.server.config.InvalidConfigException} naming the bad setting.
     */
    ProviderAdapter create(ProviderConfig config);
  }
}
