package dev.llmgateway.server.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.testing.StreamChunks;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.config.Secret;
import dev.llmgateway.server.providers.ProviderRequest;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.server.testing.WireFixture;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.RequestBody;
import okio.Buffer;

/** Provides shared fixtures, requests and recording sinks for the Gemini adapter tests. */
final class GeminiTesting {
  static final String PROVIDER = "google";
  static final String API_KEY = "AIza-test-key";
  static final String MODEL = "gemini-2.5-flash";
  static final long WAIT_SECONDS = 10;

  private GeminiTesting() {}

  static ProviderConfig config(String baseUrl, Map<String, String> options) {
    return new ProviderConfig(PROVIDER, "gemini", baseUrl, "GEMINI_API_KEY", Optional.of(new Secret(API_KEY)),
        true, Map.of(), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(30), false, options);
  }

  static GeminiErrors errors() {
    return new GeminiErrors(PROVIDER, Clock.systemUTC());
  }

  static GeminiTranslator translator() {
    return new GeminiTranslator(PROVIDER, errors());
  }

  static WireFixture fixture(String stem) {
    return WireFixture.load("gemini", stem, stem.startsWith("stream-") ? "sse" : "json");
  }

  /** Returns a recorded request body (a fixture without a {@code .headers} file), parsed. */
  static JsonNode requestFixture(String stem) {
    try (InputStream in = GeminiTesting.class.getResourceAsStream("/wire/gemini/" + stem + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource " + stem);
      }
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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return json(buffer.readUtf8());
  }

  static Message message(Role role, String text) {
    return Message.newBuilder().setRole(role).addContent(ContentPart.newBuilder().setText(text)).build();
  }

  static CompleteRequest userSays(String text) {
    return CompleteRequest.newBuilder().setModel("flash").addMessages(message(Role.ROLE_USER, text)).build();
  }

  static <T> ProviderRequest<T> request(T request) {
    return new ProviderRequest<>(request, MODEL, Duration.ofSeconds(10), "req-1");
  }

  /** Converts a JSON object into a protobuf Struct, as callers send schemas. */
  static Struct struct(JsonNode object) {
    Struct.Builder struct = Struct.newBuilder();
    object.properties().forEach(e -> struct.putFields(e.getKey(), value(e.getValue())));
    return struct.build();
  }

  private static Value value(JsonNode node) {
    if (node.isObject()) {
      return Value.newBuilder().setStructValue(struct(node)).build();
    }
    if (node.isArray()) {
      ListValue.Builder list = ListValue.newBuilder();
      node.forEach(v -> list.addValues(value(v)));
      return Value.newBuilder().setListValue(list).build();
    }
    if (node.isNumber()) {
      return Value.newBuilder().setNumberValue(node.asDouble()).build();
    }
    if (node.isBoolean()) {
      return Value.newBuilder().setBoolValue(node.asBoolean()).build();
    }
    if (node.isNull()) {
      return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
    }
    return Value.newBuilder().setStringValue(node.asText()).build();
  }

  /** Returns the {@code data} of each event of a server-sent event body, as the SSE format defines it. */
  static List<String> sseData(String body) {
    List<String> events = new ArrayList<>();
    for (String block : body.replace("\r\n", "\n").split("\n\n")) {
      StringBuilder data = new StringBuilder();
      for (String line : block.split("\n")) {
        if (line.startsWith("data:")) {
          String value = line.substring(5);
          data.append(data.length() > 0 ? "\n" : "").append(value.startsWith(" ") ? value.substring(1) : value);
        }
      }
      if (data.length() > 0) {
        events.add(data.toString());
      }
    }
    return events;
  }

  /** Joins the text deltas of a stream. */
  static String text(List<CompleteStreamResponse> chunks) {
    return StreamChunks.text(chunks);
  }

}
