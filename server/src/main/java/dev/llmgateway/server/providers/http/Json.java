package dev.llmgateway.server.providers.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.Buffer;

/**
 * JSON reading and writing for adapters: one configured, immutable Jackson mapper shared by all
 * (Jackson mappers are thread-safe once configured), and request bodies written with the streaming
 * generator straight into an Okio buffer, with no intermediate String.
 */
public final class Json {
  /** The media type of every JSON request body. */
  public static final MediaType JSON = MediaType.get("application/json");

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private Json() {}

  /** Parses a JSON document into a tree; throws {@link IOException} when it is not JSON. */
  public static JsonNode parse(byte[] json) throws IOException {
    return MAPPER.readTree(json);
  }

  /** Parses a JSON document into a tree; throws {@link IOException} when it is not JSON. */
  public static JsonNode parse(String json) throws IOException {
    return MAPPER.readTree(json);
  }

  /** Builds a JSON request body by running {@code writer} against a generator. */
  public static RequestBody body(BodyWriter writer) {
    Buffer buffer = new Buffer();
    try (JsonGenerator out = FACTORY.createGenerator(buffer.outputStream())) {
      writer.write(out);
    } catch (IOException e) {
      // Writing to an in-memory buffer cannot fail for I/O reasons.
      throw new UncheckedIOException(e);
    }
    return RequestBody.create(buffer.readByteString(), JSON);
  }

  /** Writes a JSON document. */
  @FunctionalInterface
  public interface BodyWriter {
    void write(JsonGenerator out) throws IOException;
  }
}
