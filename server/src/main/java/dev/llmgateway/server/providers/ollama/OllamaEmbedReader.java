package dev.llmgateway.server.providers.ollama;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmgateway.v1.EmbedResponse;
import dev.llmgateway.v1.Embedding;
import dev.llmgateway.v1.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an {@code /api/embed} response ({@code model}, {@code embeddings} as one array of numbers per
 * input, {@code prompt_eval_count}) with the streaming parser, straight from the response bytes into the
 * proto, so large batches never become a tree. Thread-safe.
 */
final class OllamaEmbedReader {
  private final JsonFactory factory = new JsonFactory();
  private final String provider;
  private final OllamaErrors errors;

  OllamaEmbedReader(String provider, OllamaErrors errors) {
    this.provider = requireNonNull(provider, "provider");
    this.errors = requireNonNull(errors, "errors");
  }

  /**
   * Reads the response for {@code inputs} texts. Throws {@link IOException} when the body cannot be read
   * or is not JSON, and PROVIDER_PROTOCOL_ERROR when it has the wrong shape.
   *
   * @param fallbackModel the model to report when the answer names none: the one that was asked for
   */
  EmbedResponse read(InputStream body, int inputs, String fallbackModel) throws IOException {
    List<Embedding> vectors = null;
    String model = fallbackModel;
    long promptTokens = 0;
    try (JsonParser in = factory.createParser(body)) {
      expect(in.nextToken() == JsonToken.START_OBJECT, "the embed response is not a JSON object");
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String field = in.currentName();
        JsonToken value = in.nextToken();
        switch (field) {
          case "embeddings" -> vectors = readVectors(in);
          case "model" -> {
            if (value == JsonToken.VALUE_STRING && !in.getText().isEmpty()) {
              model = in.getText();
            }
          }
          case "prompt_eval_count" -> {
            if (value == JsonToken.VALUE_NUMBER_INT) {
              promptTokens = in.getLongValue();
            }
          }
          default -> in.skipChildren();
        }
      }
    }
    expect(vectors != null, "the embed response has no embeddings");
    expect(vectors.size() == inputs, "expected " + inputs + " embeddings, got " + vectors.size());
    return EmbedResponse.newBuilder()
        .addAllEmbeddings(vectors)
        // The count is left out when zero; embedding produces no output tokens.
        .setUsage(Usage.newBuilder().setInputTokens(promptTokens).setTotalTokens(promptTokens))
        .setProvider(provider)
        .setModel(model)
        .build();
  }

  private List<Embedding> readVectors(JsonParser in) throws IOException {
    expect(in.currentToken() == JsonToken.START_ARRAY, "embeddings is not an array");
    List<Embedding> vectors = new ArrayList<>();
    JsonToken token;
    while ((token = in.nextToken()) == JsonToken.START_ARRAY) {
      Embedding.Builder vector = Embedding.newBuilder().setIndex(vectors.size());
      JsonToken number;
      while ((number = in.nextToken()) != JsonToken.END_ARRAY) {
        expect(number == JsonToken.VALUE_NUMBER_FLOAT || number == JsonToken.VALUE_NUMBER_INT,
            "an embedding holds a value that is not a number");
        vector.addValues(in.getFloatValue());
      }
      vectors.add(vector.build());
    }
    expect(token == JsonToken.END_ARRAY, "embeddings holds something other than vectors");
    return vectors;
  }

  private void expect(boolean condition, String detail) {
    if (!condition) {
      throw errors.protocolError(detail, null);
    }
  }
}
