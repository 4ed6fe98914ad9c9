package dev.llmgateway.server.providers.ollama;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.testing.StreamChunks;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.config.Secret;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.server.testing.WireFixture;
import dev.llmgateway.v1.CompleteStreamResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.RequestBody;
import okio.Buffer;

/** Provides the configurations, fixtures and recording sinks the Ollama adapter tests share. */
final class OllamaTesting {
  static final String PROVIDER = "ollama-test";
  static final String API_KEY = "proxy-token-0123456789";
  static final long WAIT_SECONDS = 10;
  static final String BASE_URL = "http://localhost:11434";
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

  private OllamaTesting() {}

  /** Returns a configuration with no key, as a local Ollama needs none. */
  static ProviderConfig config(String baseUrl, Map<String, String> options) {
    return new ProviderConfig(PROVIDER, "ollama", baseUrl, "", Optional.empty(), true,
        Map.of(), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), true, options);
  }

  /** Returns a configuration with a bearer key, for a server behind an authenticating proxy. */
  static ProviderConfig configWithKey(String baseUrl) {
    return new ProviderConfig(PROVIDER, "ollama", baseUrl, "OLLAMA_API_KEY", Optional.of(new Secret(API_KEY)), true,
        Map.of(), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), true, Map.of());
  }

  static OllamaErrors errors() {
    return new OllamaErrors(PROVIDER, BASE_URL, CLOCK);
  }

  /** Loads {@code wire/ollama/<stem>}: {@code .ndjson} for streams, {@code .json} otherwise. */
  static WireFixture fixture(String stem) {
    return WireFixture.load("ollama", stem, stem.startsWith("chat-stream") ? "ndjson" : "json");
  }

  static JsonNode json(String text) {
    try {
      return Json.parse(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(RequestBody body) {
    Buffer buffer = new Buffer();
    try {
      body.writeTo(buffer);
      return Json.parse(buffer.readByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Converts a JSON object to the {@code Struct} the contract carries schemas in. */
  static Struct struct(JsonNode object) {
    Struct.Builder struct = Struct.newBuilder();
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      struct.putFields(field.getKey(), value(field.getValue()));
    }
    return struct.build();
  }

  private static Value value(JsonNode node) {
    if (node.isObject()) {
      return Value.newBuilder().setStructValue(struct(node)).build();
    }
    if (node.isArray()) {
      ListValue.Builder list = ListValue.newBuilder();
      node.forEach(item -> list.addValues(value(item)));
      return Value.newBuilder().setListValue(list).build();
    }
    if (node.isTextual()) {
      return Value.newBuilder().setStringValue(node.textValue()).build();
    }
    if (node.isNumber()) {
      return Value.newBuilder().setNumberValue(node.asDouble()).build();
    }
    if (node.isBoolean()) {
      return Value.newBuilder().setBoolValue(node.booleanValue()).build();
    }
    return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
  }

  /** Translates a recorded NDJSON stream without HTTP, line by line as the adapter does. */
  static List<CompleteStreamResponse> translate(String ndjson, String model) {
    OllamaStreamTranslator translator = new OllamaStreamTranslator(PROVIDER, "req-1", model, errors());
    List<CompleteStreamResponse> chunks = new ArrayList<>();
    for (String line : ndjson.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      CompleteStreamResponse chunk = translator.onLine(line);
      if (chunk != null) {
        chunks.add(chunk);
      }
    }
    assertThat(translator.finished()).as("done line reached").isTrue();
    return chunks;
  }

  static String text(List<CompleteStreamResponse> chunks) {
    return StreamChunks.text(chunks);
  }

  /** Reassembles the tool calls from their deltas, by index: id, name and concatenated arguments. */
  static Map<Integer, List<String>> toolCalls(List<CompleteStreamResponse> chunks) {
    return StreamChunks.toolCalls(chunks);
  }

}
