package dev.llmgateway.server.providers.bedrock;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.ResultSink;
import dev.llmgateway.server.providers.UpstreamCall;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.EmbedResponse;
import dev.llmgateway.v1.Embedding;
import dev.llmgateway.v1.Usage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.annotation.Nullable;
import okhttp3.RequestBody;

/**
 * Embeds all inputs of one request through as many InvokeModel calls as the model needs (one per text for
 * Titan, batches of 96 for Cohere), made one after another: each call starts when the previous one was
 * handled, so a large request never fires thousands of calls at once into the account's rate limit. The
 * calls share the request's deadline, token counts are summed, and the whole answer is delivered once.
 * Cancelling stops the sequence.
 */
final class BedrockEmbeddingCalls {
  private final String provider;
  private final String model;
  private final EmbedRequest request;
  private final BedrockEmbeddings.Format format;
  private final BatchSender sender;
  private final ResultSink<EmbedResponse> sink;
  @Nullable private final Long deadlineNanos;
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final AtomicReference<UpstreamCall> current = new AtomicReference<>(UpstreamCall.DONE);
  // Calls run one after another (each starts once the previous one was handled), so these are never
  // touched by two threads at once.
  private final EmbedResponse.Builder response = EmbedResponse.newBuilder();
  private long inputTokens;

  BedrockEmbeddingCalls(String provider, String model, EmbedRequest request, BedrockEmbeddings.Format format,
      @Nullable Duration timeout, BatchSender sender, ResultSink<EmbedResponse> sink) {
    this.provider = requireNonNull(provider, "provider");
    this.model = requireNonNull(model, "model");
    this.request = requireNonNull(request, "request");
    this.format = requireNonNull(format, "format");
    this.sender = requireNonNull(sender, "sender");
    this.sink = requireNonNull(sink, "sink");
    this.deadlineNanos = timeout == null ? null : System.nanoTime() + timeout.toNanos();
  }

  /** Starts the first call. */
  void start() {
    next();
  }

  /** Cancels the call in flight and stops the sequence. Idempotent. */
  void cancel() {
    cancelled.set(true);
    current.get().cancel();
  }

  private void next() {
    int from = response.getEmbeddingsCount();
    if (from == request.getInputsCount()) {
      sink.onSuccess(response
          .setUsage(Usage.newBuilder().setInputTokens(inputTokens).setTotalTokens(inputTokens))
          .setProvider(provider)
          .setModel(model)
          .build());
      return;
    }
    if (cancelled.get()) {
      sink.onError(GatewayException.builder(ErrorKind.CANCELLED, "the call was cancelled").provider(provider)
          .build());
      return;
    }
    List<String> texts = request.getInputsList()
        .subList(from, Math.min(request.getInputsCount(), from + BedrockEmbeddings.batchSize(format)));
    UpstreamCall call = sender.send(BedrockEmbeddings.body(format, request, texts), remaining(), texts.size(),
        new ResultSink<>() {
          @Override
          public void onSuccess(BedrockEmbeddings.Batch batch) {
            for (List<Float> vector : batch.vectors()) {
              response.addEmbeddings(
                  Embedding.newBuilder().setIndex(response.getEmbeddingsCount()).addAllValues(vector));
            }
            inputTokens += batch.inputTokens();
            next();
          }

          @Override
          public void onError(GatewayException error) {
            sink.onError(error);
          }
        });
    current.set(call);
    // A cancel that raced the new call must still reach it.
    if (cancelled.get()) {
      call.cancel();
    }
  }

  @Nullable
  private Duration remaining() {
    if (deadlineNanos == null) {
      return null;
    }
    long left = deadlineNanos - System.nanoTime();
    return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
  }

  /** Starts one InvokeModel call whose answer must hold {@code expected} vectors. */
  @FunctionalInterface
  interface BatchSender {
    UpstreamCall send(RequestBody body, @Nullable Duration timeout, int expected,
        ResultSink<BedrockEmbeddings.Batch> batch);
  }
}
