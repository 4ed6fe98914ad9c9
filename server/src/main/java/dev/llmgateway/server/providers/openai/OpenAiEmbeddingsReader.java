package dev.llmgateway.server.providers.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmgateway.v1.EmbedResponse;
import dev.llmgateway.v1.Embedding;
import dev.llmgateway.v1.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Reads an {@code /embeddings} response with the streaming parser, straight from the response bytes
 * into the proto: a batch of large vectors would otherwise become millions of tree nodes. Thread-safe.
 */
final class OpenAiEmbeddingsReader {
  private final JsonFactory factory = new JsonFactory();
  private final String provider;
  private final OpenAiErrors errors;

  OpenAiEmbeddingsReader(String provider, OpenAiErrors errors) {
    this.provider = provider;
    this.errors = errors;
  }

  /**
   * Reads the response for a request of {@code inputs} texts. Throws {@link IOException} when the body
   * cannot be read or is not JSON, and PROVIDER_PROTOCOL_ERROR when it is JSON of the wrong shape.
   *
   * @param fallbackModel the model to report when the server names none: the one that was requested
   */
  EmbedResponse read(InputStream body, int inputs, String fallbackModel) throws IOException {
    List<Embedding> embeddings = new ArrayList<>(inputs);
    String model = fallbackModel;
    Usage usage = null;
    try (JsonParser in = factory.createParser(body)) {
      expect(in.nextToken() == JsonToken.START_OBJECT, "the embeddings response is not a JSON object");
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String field = in.currentName();
        JsonToken value = in.nextToken();
        switch (field) {
          case "data" -> readData(in, embeddings);
          case "model" -> {
            if (value == JsonToken.VALUE_STRING && !in.getText().isEmpty()) {
              model = in.getText();
            }
          }
          case "usage" -> usage = readUsage(in);
          default -> in.skipChildren();
        }
      }
    }
    embeddings.sort(Comparator.comparingInt(Embedding::getIndex));
    expect(embeddings.size() == inputs, "expected " + inputs + " embeddings, got " + embeddings.size());
    for (int i = 0; i < inputs; i++) {
      expect(embeddings.get(i).getIndex() == i, "the embedding indexes are not 0 to " + (inputs - 1));
    }
    EmbedResponse.Builder response = EmbedResponse.newBuilder()
        .addAllEmbeddings(embeddings)
        .setProvider(provider)
        .setModel(model);
    if (usage != null) {
      response.setUsage(usage);
    }
    return response.build();
  }

  private void readData(JsonParser in, List<Embedding> out) throws IOException {
    expect(in.currentToken() == JsonToken.START_ARRAY, "data is not an array");
    while (in.nextToken() == JsonToken.START_OBJECT) {
      Embedding.Builder embedding = Embedding.newBuilder();
      boolean hasVector = false;
      boolean hasIndex = false;
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String field = in.currentName();
        JsonToken value = in.nextToken();
        if (field.equals("embedding")) {
          // A base64 string here means the server ignored encoding_format.
          expect(value == JsonToken.START_ARRAY, "an embedding is not an array of numbers");
          JsonToken number;
          while ((number = in.nextToken()) != JsonToken.END_ARRAY) {
            expect(number == JsonToken.VALUE_NUMBER_FLOAT || number == JsonToken.VALUE_NUMBER_INT,
                "an embedding holds a value that is not a number");
            embedding.addValues(in.getFloatValue());
          }
          hasVector = true;
        } else if (field.equals("index")) {
          expect(value == JsonToken.VALUE_NUMBER_INT, "an embedding index is not an integer");
          embedding.setIndex(in.getIntValue());
          hasIndex = true;
        } else {
          in.skipChildren();
        }
      }
      expect(hasVector && hasIndex, "an embedding lacks its vector or index");
      out.add(embedding.build());
    }
    expect(in.currentToken() == JsonToken.END_ARRAY, "data holds something other than embedding objects");
  }

  @Nullable
  private Usage readUsage(JsonParser in) throws IOException {
    if (in.currentToken() != JsonToken.START_OBJECT) {
      in.skipChildren();
      return null;
    }
    long prompt = 0;
    long total = -1;
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String field = in.currentName();
      JsonToken value = in.nextToken();
      if (value == JsonToken.VALUE_NUMBER_INT && field.equals("prompt_tokens")) {
        prompt = in.getLongValue();
      } else if (value == JsonToken.VALUE_NUMBER_INT && field.equals("total_tokens")) {
        total = in.getLongValue();
      } else {
        in.skipChildren();
      }
    }
    // Embedding calls produce no output tokens: the prompt is the whole bill.
    return Usage.newBuilder().setInputTokens(prompt).setTotalTokens(total >= 0 ? total : prompt).build();
  }

  private void expect(boolean condition, String detail) {
    if (!condition) {
      throw errors.protocolError(detail, null);
    }
  }
}
