package dev.llmgateway.server.providers.gemini;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.EmbedResponse;
import dev.llmgateway.v1.Embedding;
import java.util.List;
import javax.annotation.Nullable;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Embeds the inputs of one request: a single text through {@code embedContent}, several through
 * {@code batchEmbedContents}, in consecutive batches of at most the configured size because the API
 * refuses larger ones. Vectors are numbered in input order across batches. Used by one
 * {@link GeminiCallChain}.
 */
final class GeminiEmbedPlan implements GeminiCallChain.Plan<List<float[]>, EmbedResponse> {
  private final EmbedRequest request;
  private final String provider;
  private final String model;
  private final int batchSize;
  private final GeminiEmbeddings embeddings;
  private final RequestFactory requests;
  private final EmbedResponse.Builder response = EmbedResponse.newBuilder();
  private int sent;

  GeminiEmbedPlan(EmbedRequest request, String provider, String model, int batchSize, GeminiEmbeddings embeddings,
      RequestFactory requests) {
    this.request = requireNonNull(request, "request");
    this.provider = requireNonNull(provider, "provider");
    this.model = requireNonNull(model, "model");
    this.batchSize = batchSize;
    this.embeddings = requireNonNull(embeddings, "embeddings");
    this.requests = requireNonNull(requests, "requests");
  }

  /** Returns how many inputs the answer to the call now in flight holds vectors for. */
  int expected() {
    return sent - response.getEmbeddingsCount();
  }

  @Override
  public Request first() {
    if (request.getInputsCount() == 1) {
      sent = 1;
      return requests.post("embedContent", embeddings.single(request));
    }
    return nextBatch();
  }

  @Override
  @Nullable
  public Request next(List<float[]> vectors) {
    for (float[] vector : vectors) {
      Embedding.Builder embedding = Embedding.newBuilder().setIndex(response.getEmbeddingsCount());
      for (float value : vector) {
        embedding.addValues(value);
      }
      response.addEmbeddings(embedding);
    }
    return sent < request.getInputsCount() ? nextBatch() : null;
  }

  @Override
  public EmbedResponse result() {
    // Gemini's embedding answers report no token usage.
    return response.setProvider(provider).setModel(model).build();
  }

  private Request nextBatch() {
    int from = sent;
    sent = Math.min(from + batchSize, request.getInputsCount());
    return requests.post("batchEmbedContents",
        embeddings.batch(request, from, sent, GeminiSettings.modelResource(model)));
  }

  /** Builds an authenticated POST to a method of the model. */
  @FunctionalInterface
  interface RequestFactory {
    Request post(String method, RequestBody body);
  }
}
