package dev.llmgateway.server.providers.cohere;

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
 * Reads a {@code /v2/embed} response with the streaming parser, straight from the response bytes into the
 * proto: 96 vectors of 1536 floats would otherwise become a large tree. Takes the {@code float} vectors of
 * {@code embeddings} (an object keyed by embedding type; older responses of type
 * {@code embeddings_floats} hold the array directly) and {@code meta.billed_units.input_tokens} as usage,
 * preferring {@code meta.tokens.input_tokens} when Cohere reports it. Thread-safe.
 */
final class CohereEmbedReader {
  private final JsonFactory factory = new JsonFactory();
  private final String provider;
  private final CohereErrors errors;

  CohereEmbedReader(String provider, CohereErrors errors) {
    this.provider = requireNonNull(provider, "provider");
    this.errors = requireNonNull(errors, "errors");
  }

  /**
   * Reads the response for {@code inputs} texts embedded by {@code model}. Throws {@link IOException} when
   * the body cannot be read or is not JSON, and PROVIDER_PROTOCOL_ERROR when it has the wrong shape.
   */
  EmbedResponse read(InputStream body, int inputs, String model) throws IOException {
    List<Embedding> vectors = null;
    long billed = -1;
    long tokens = -1;
    try (JsonParser in = factory.createParser(body)) {
      expect(in.nextToken() == JsonToken.START_OBJECT, "the embed response is not a JSON object");
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String field = in.currentName();
        JsonToken value = in.nextToken();
        if (field.equals("embeddings")) {
          vectors = value == JsonToken.START_ARRAY ? readVectors(in) : readByType(in);
        } else if (field.equals("meta") && value == JsonToken.START_OBJECT) {
          while (in.nextToken() == JsonToken.FIELD_NAME) {
            String meta = in.currentName();
            in.nextToken();
            if (meta.equals("billed_units")) {
              billed = inputTokens(in);
            } else if (meta.equals("tokens")) {
              tokens = inputTokens(in);
            } else {
              in.skipChildren();
            }
          }
        } else {
          in.skipChildren();
        }
      }
    }
    expect(vectors != null, "the embed response has no float embeddings");
    expect(vectors.size() == inputs, "expected " + inputs + " embeddings, got " + vectors.size());
    EmbedResponse.Builder response = EmbedResponse.newBuilder()
        .addAllEmbeddings(vectors)
        .setProvider(provider)
        .setModel(model);
    long input = tokens >= 0 ? tokens : billed;
    if (input >= 0) {
      // Embedding produces no output tokens: the input is the whole count.
      response.setUsage(Usage.newBuilder().setInputTokens(input).setTotalTokens(input));
    }
    return response.build();
  }

  private List<Embedding> readByType(JsonParser in) throws IOException {
    expect(in.currentToken() == JsonToken.START_OBJECT, "embeddings is neither an object nor an array");
    List<Embedding> vectors = null;
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String type = in.currentName();
      JsonToken value = in.nextToken();
      if (type.equals("float") && value == JsonToken.START_ARRAY) {
        vectors = readVectors(in);
      } else {
        // Only float vectors are requested; other types would be a server's own addition.
        in.skipChildren();
      }
    }
    expect(vectors != null, "the embed response has no float embeddings");
    return vectors;
  }

  private List<Embedding> readVectors(JsonParser in) throws IOException {
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
    expect(token == JsonToken.END_ARRAY, "the float embeddings hold something other than vectors");
    return vectors;
  }

  private long inputTokens(JsonParser in) throws IOException {
    if (in.currentToken() != JsonToken.START_OBJECT) {
      in.skipChildren();
      return -1;
    }
    long count = -1;
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String field = in.currentName();
      JsonToken value = in.nextToken();
      if (field.equals("input_tokens") && (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT)) {
        count = (long) in.getDoubleValue();
      } else {
        in.skipChildren();
      }
    }
    return count;
  }

  private void expect(boolean condition, String detail) {
    if (!condition) {
      throw errors.protocolError(detail, null);
    }
  }
}
