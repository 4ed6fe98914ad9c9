package dev.llmgateway.server.providers.gemini;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.v1.EmbedInputType;
import dev.llmgateway.v1.EmbedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.annotation.Nullable;
import okhttp3.RequestBody;

/**
 * Writes {@code embedContent} (one text) and {@code batchEmbedContents} (several) bodies and reads their
 * answers. Answers are read with the streaming parser, straight from the response bytes: a batch of
 * 3072-value vectors would otherwise become hundreds of thousands of tree nodes. Thread-safe.
 */
final class GeminiEmbeddings {
  private final JsonFactory factory = new JsonFactory();
  private final GeminiErrors errors;

  GeminiEmbeddings(GeminiErrors errors) {
    this.errors = requireNonNull(errors, "errors");
  }

  /** Returns the {@code embedContent} body for the single input of {@code request}. */
  RequestBody single(EmbedRequest request) {
    return Json.body(out -> writeRequest(out, request, request.getInputs(0), null));
  }

  /**
   * Returns the {@code batchEmbedContents} body for inputs {@code from} (inclusive) to {@code to}
   * (exclusive) of {@code request}; every entry names the model again, as the API requires.
   */
  RequestBody batch(EmbedRequest request, int from, int to, String modelResource) {
    return Json.body(out -> {
      out.writeStartObject();
      out.writeArrayFieldStart("requests");
      for (int i = from; i < to; i++) {
        writeRequest(out, request, request.getInputs(i), modelResource);
      }
      out.writeEndArray();
      out.writeEndObject();
    });
  }

  /**
   * Reads the vectors of an {@code embedContent} ({@code embedding}) or {@code batchEmbedContents}
   * ({@code embeddings}) answer, in order. Throws {@link IOException} when the body cannot be read or is
   * not JSON, and PROVIDER_PROTOCOL_ERROR when it is JSON of another shape or holds {@code expected}
   * vectors not.
   */
  List<float[]> read(InputStream body, int expected) throws IOException {
    List<float[]> vectors = new ArrayList<>(expected);
    try (JsonParser in = factory.createParser(body)) {
      expect(in.nextToken() == JsonToken.START_OBJECT, "answered embeddings with a body that is not an object");
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String field = in.currentName();
        JsonToken value = in.nextToken();
        if (field.equals("embedding")) {
          vectors.add(readEmbedding(in));
        } else if (field.equals("embeddings")) {
          expect(value == JsonToken.START_ARRAY, "answered embeddings that are not a list");
          while (in.nextToken() != JsonToken.END_ARRAY) {
            vectors.add(readEmbedding(in));
          }
        } else {
          in.skipChildren();
        }
      }
    }
    expect(vectors.size() == expected, "answered " + vectors.size() + " embeddings for " + expected + " inputs");
    return vectors;
  }

  private static void writeRequest(JsonGenerator out, EmbedRequest request, String text,
      @Nullable String modelResource) throws IOException {
    out.writeStartObject();
    if (modelResource != null) {
      out.writeStringField("model", modelResource);
    }
    out.writeObjectFieldStart("content");
    out.writeArrayFieldStart("parts");
    out.writeStartObject();
    out.writeStringField("text", text);
    out.writeEndObject();
    out.writeEndArray();
    out.writeEndObject();
    String taskType = taskType(request.getInputType());
    if (taskType != null) {
      out.writeStringField("taskType", taskType);
    }
    if (request.hasDimensions()) {
      out.writeNumberField("outputDimensionality", request.getDimensions());
    }
    out.writeEndObject();
  }

  /** Maps the contract's input type to Gemini's task type; null leaves Gemini's default. */
  @Nullable
  static String taskType(EmbedInputType type) {
    return switch (type) {
      case EMBED_INPUT_TYPE_SEARCH_DOCUMENT -> "RETRIEVAL_DOCUMENT";
      case EMBED_INPUT_TYPE_SEARCH_QUERY -> "RETRIEVAL_QUERY";
      case EMBED_INPUT_TYPE_CLASSIFICATION -> "CLASSIFICATION";
      case EMBED_INPUT_TYPE_CLUSTERING -> "CLUSTERING";
      case EMBED_INPUT_TYPE_UNSPECIFIED, UNRECOGNIZED -> null;
    };
  }

  /** Reads one {@code ContentEmbedding} object, positioned on its start. */
  private float[] readEmbedding(JsonParser in) throws IOException {
    expect(in.currentToken() == JsonToken.START_OBJECT, "answered an embedding that is not an object");
    float[] values = null;
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String field = in.currentName();
      JsonToken value = in.nextToken();
      if (field.equals("values")) {
        expect(value == JsonToken.START_ARRAY, "answered an embedding whose values are not a list");
        values = readValues(in);
      } else {
        in.skipChildren();
      }
    }
    expect(values != null, "answered an embedding without values");
    return values;
  }

  private float[] readValues(JsonParser in) throws IOException {
    float[] values = new float[256];
    int size = 0;
    JsonToken token;
    while ((token = in.nextToken()) != JsonToken.END_ARRAY) {
      expect(token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT,
          "answered an embedding value that is not a number");
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = in.getFloatValue();
    }
    return Arrays.copyOf(values, size);
  }

  private void expect(boolean condition, String what) {
    if (!condition) {
      throw errors.protocolError(what, null);
    }
  }
}
