package dev.llmgateway.server.providers;

import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.EmbedResponse;
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
   * Starts listing the model ids the provider offers (its own names, as {@code upstreamModel} takes
   * them). {@code timeout} bounds the call; null means the provider's request timeout.
   */
  UpstreamCall listModels(@Nullable Duration timeout, ResultSink<List<String>> sink);

  /** Creates the adapter for one configured provider; bound per provider {@code type}. */
  interface Factory {
    /**
     * Returns an adapter for {@code config}, or throws
     * {@link dev.llmgateway.server.config.InvalidConfigException} naming the bad setting.
     */
    ProviderAdapter create(ProviderConfig config);
  }
}
