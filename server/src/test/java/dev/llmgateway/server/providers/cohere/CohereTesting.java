package dev.llmgateway.server.providers.cohere;

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

/** Provides the configurations, fixtures and recording sinks the Cohere adapter tests share. */
final class CohereTesting {
  static final String PROVIDER = "cohere-test";
  static final String API_KEY = "co-test-0123456789";
  static final long WAIT_SECONDS = 10;
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);

  private CohereTesting() {}

  static ProviderConfig config(String baseUrl, Map<String, String> options) {
    return new ProviderConfig(PROVIDER, "cohere", baseUrl, "COHERE_API_KEY", Optional.of(new Secret(API_KEY)), true,
        Map.of(), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), true, options);
  }

  static CohereErrors errors() {
    return new CohereErrors(PROVIDER, CLOCK);
  }

  /** Loads {@code wire/cohere/<stem>}: {@code .sse} for streams, {@code .json} otherwise. */
  static WireFixture fixture(String stem) {
    return WireFixture.load("cohere", stem, stem.startsWith("chat-stream") ? "sse" : "json");
  }

  /** Returns a request-body fixture (it has no headers file) as parsed JSON. */
  static JsonNode requestFixture(String stem) {
    try (var in = CohereTesting.class.getResourceAsStream("/wire/cohere/" + stem + ".json")) {
      return Json.parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  /** Holds one server-sent event: its {@code event:} name (or null) and its data. */
  record SseEvent(String name, String data) {}

  /** Splits an SSE body into its events, as the SSE format defines them. */
  static List<SseEvent> sseEvents(String body) {
    List<SseEvent> events = new ArrayList<>();
    for (String block : body.replace("\r\n", "\n").split("\n\n")) {
      String name = null;
      StringBuilder data = new StringBuilder();
      for (String line : block.split("\n")) {
        if (line.startsWith("event:")) {
          name = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          String value = line.substring(5);
          data.append(data.length() > 0 ? "\n" : "").append(value.startsWith(" ") ? value.substring(1) : value);
        }
      }
      if (data.length() > 0) {
        events.add(new SseEvent(name, data.toString()));
      }
    }
    return events;
  }

  /** Translates a recorded stream without HTTP, as the adapter does event by event. */
  static List<CompleteStreamResponse> translate(String sse, String model) {
    CohereStreamTranslator translator = new CohereStreamTranslator(PROVIDER, model, "req-1", errors());
    List<CompleteStreamResponse> chunks = new ArrayList<>();
    for (SseEvent event : sseEvents(sse)) {
      CompleteStreamResponse chunk = translator.onEvent(event.name(), event.data());
      if (chunk != null) {
        chunks.add(chunk);
      }
    }
    assertThat(translator.finished()).as("message-end reached").isTrue();
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
