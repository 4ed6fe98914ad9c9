package dev.llmgateway.server.providers.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.v1.EmbedResponse;
import dev.llmgateway.v1.Embedding;
import dev.llmgateway.v1.Usage;
import java.io.IOException;
import java.io.InputStream;
import javax.annotation.Nullable;
import okhttp3.Headers;

/**
 * Reads the answer of Text Embeddings Inference's native {@code /embed}: a bare JSON array holding one
 * array of numbers per input, in input order, with no wrapper, model or usage. TEI reports the tokens
 * it processed in the {@code x-compute-tokens} header instead, which becomes the input usage. Read with
 * the streaming parser, like {@link OpenAiEmbeddingsReader}. Thread-safe.
 */
final class TeiEmbeddingsReader {
  private final JsonFactory factory = new JsonFactory();
  private final String provider;
  private final OpenAiErrors errors;

  TeiEmbeddingsReader(String provider, OpenAiErrors errors) {
    this.provider = provider;
    this.errors = errors;
  }

  /**
   * Reads the response to a request of {@code inputs} texts. Throws {@link IOException} when the body
   * cannot be read or is not JSON, and PROVIDER_PROTOCOL_ERROR when it is JSON of the wrong shape.
   *
   * @param dimensions the vector length the caller asked for, or 0 for the model's own
   * @param model the model to report: TEI does not name it
   */
  EmbedResponse read(InputStream body, Headers headers, int inputs, int dimensions, String model) throws IOException {
    EmbedResponse.Builder response = EmbedResponse.newBuilder().setProvider(provider).setModel(model);
    try (JsonParser in = factory.createParser(body)) {
      expect(in.nextToken() == JsonToken.START_ARRAY, "the embeddings response is not a JSON array");
      int index = 0;
      while (in.nextToken() == JsonToken.START_ARRAY) {
        Embedding.Builder embedding = Embedding.newBuilder().setIndex(index++);
        JsonToken number;
        while ((number = in.nextToken()) != JsonToken.END_ARRAY) {
          expect(number == JsonToken.VALUE_NUMBER_FLOAT || number == JsonToken.VALUE_NUMBER_INT,
              "an embedding holds a value that is not a number");
          embedding.addValues(in.getFloatValue());
        }
        if (dimensions > 0 && embedding.getValuesCount() != dimensions) {
          // An older TEI ignores the field; a silently longer vector would corrupt the caller's index.
          throw GatewayException.invalidField("dimensions", "the server returned " + embedding.getValuesCount()
              + " values per vector instead of " + dimensions + ": it cannot shorten this model's embeddings");
        }
        response.addEmbeddings(embedding);
      }
      expect(in.currentToken() == JsonToken.END_ARRAY, "the embeddings response holds something other than vectors");
    }
    expect(response.getEmbeddingsCount() == inputs,
        "expected " + inputs + " embeddings, got " + response.getEmbeddingsCount());
    Long tokens = computeTokens(headers.get("x-compute-tokens"));
    if (tokens != null) {
      response.setUsage(Usage.newBuilder().setInputTokens(tokens).setTotalTokens(tokens));
    }
    return response.build();
  }

  @Nullable
  private static Long computeTokens(@Nullable String header) {
    if (header == null) {
      return null;
    }
    try {
      long tokens = Long.parseLong(header.strip());
      return tokens >= 0 ? tokens : null;
    } catch (NumberFormatException e) {
      // The header is informational; a malformed one means no usage, not a failed call.
      return null;
    }
  }

  private void expect(boolean condition, String detail) {
    if (!condition) {
      throw errors.protocolError(detail, null);
    }
  }
}
