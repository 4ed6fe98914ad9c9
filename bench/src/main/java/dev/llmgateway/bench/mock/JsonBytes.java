package dev.llmgateway.bench.mock;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.annotation.Nullable;

/** Writes JSON documents to bytes with Jackson's streaming generator, so escaping is always right. */
final class JsonBytes {
  /** Writes one JSON value to a generator. */
  @FunctionalInterface
  interface Writer {
    void write(JsonGenerator g) throws IOException;
  }

  private final JsonFactory factory;

  JsonBytes(JsonFactory factory) {
    this.factory = factory;
  }

  byte[] json(Writer writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = factory.createGenerator(out)) {
      writer.write(g);
    } catch (IOException e) {
      // Only a bug can make writing to memory fail.
      throw new UncheckedIOException("writing a mock body", e);
    }
    return out.toByteArray();
  }

  /** Returns an SSE event with only a {@code data:} line, as OpenAI-compatible servers send. */
  byte[] dataEvent(Writer writer) {
    return frame(null, json(writer));
  }

  /** Returns an SSE event with {@code event:} and {@code data:} lines, as Anthropic sends. */
  byte[] namedEvent(String event, Writer writer) {
    return frame(event, json(writer));
  }

  static byte[] frame(@Nullable String event, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 40);
    if (event != null) {
      out.writeBytes(("event: " + event + "\n").getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes("data: ".getBytes(StandardCharsets.UTF_8));
    out.writeBytes(data);
    out.writeBytes("\n\n".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
