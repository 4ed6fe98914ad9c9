package dev.llmgateway.bench.mock;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import javax.annotation.Nullable;

/**
 * Holds the few request fields the mock answers from, read with a streaming parser that skips
 * everything else (messages, tools, sampling settings) without building a tree.
 *
 * @param model the {@code model} field, empty when absent
 * @param stream whether {@code stream} is true
 * @param includeUsage whether {@code stream_options.include_usage} is true
 * @param hasMessages whether a {@code messages} array is present
 * @param inputs the number of embedding inputs ({@code input} as a string counts 1), 0 when absent
 * @param dimensions the {@code dimensions} field, 0 when absent
 * @param base64 whether {@code encoding_format} is {@code base64}
 */
public record MockRequest(
    String model, boolean stream, boolean includeUsage, boolean hasMessages, int inputs, int dimensions, boolean base64) {

  /** Parses a JSON request body; throws {@link IOException} for malformed JSON or a body that is not an object. */
  public static MockRequest parse(JsonFactory json, InputStream body) throws IOException {
    try (JsonParser p = json.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("request body is not a JSON object");
      }
      String model = "";
      boolean stream = false;
      boolean includeUsage = false;
      boolean hasMessages = false;
      int inputs = 0;
      int dimensions = 0;
      boolean base64 = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        switch (field) {
          case "model" -> model = textOrEmpty(p, value);
          case "stream" -> stream = value == JsonToken.VALUE_TRUE;
          case "stream_options" -> includeUsage = readIncludeUsage(p, value);
          case "messages" -> {
            hasMessages = value == JsonToken.START_ARRAY;
            p.skipChildren();
          }
          case "input" -> inputs = countInputs(p, value);
          case "dimensions" -> dimensions = value == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : 0;
          case "encoding_format" -> base64 = "base64".equals(textOrEmpty(p, value));
          default -> p.skipChildren();
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        throw new IOException("malformed JSON object");
      }
      return new MockRequest(model, stream, includeUsage, hasMessages, inputs, dimensions, base64);
    }
  }

  private static String textOrEmpty(JsonParser p, @Nullable JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    p.skipChildren();
    return "";
  }

  private static boolean readIncludeUsage(JsonParser p, @Nullable JsonToken value) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return false;
    }
    boolean include = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      if (field.equals("include_usage")) {
        include = v == JsonToken.VALUE_TRUE;
      } else {
        p.skipChildren();
      }
    }
    return include;
  }

  private static int countInputs(JsonParser p, @Nullable JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return 1;
    }
    if (value != JsonToken.START_ARRAY) {
      p.skipChildren();
      return 0;
    }
    int count = 0;
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() == null) {
        throw new IOException("unterminated input array");
      }
      p.skipChildren();
      count++;
    }
    return count;
  }
}
