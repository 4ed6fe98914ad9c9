package dev.llmgateway.server.providers.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.testing.StreamChunks;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.config.Secret;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.server.testing.WireFixture;
import dev.llmgateway.v1.CompleteStreamResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.RequestBody;
import okio.Buffer;

/** Provides shared fixtures and recording sinks for the Anthropic adapter tests. */
final class AnthropicTesting {
  static final String PROVIDER = "claude";
  static final String API_KEY = "sk-ant-test-key";
  static final long WAIT_SECONDS = 10;

  private AnthropicTesting() {}

  static ProviderConfig config(String baseUrl, Map<String, String> options) {
    return new ProviderConfig(PROVIDER, "anthropic", baseUrl, "ANTHROPIC_API_KEY",
        Optional.of(new Secret(API_KEY)), true, Map.of(), Duration.ofSeconds(5), Duration.ofSeconds(5),
        Duration.ofSeconds(30), false, options);
  }

  static AnthropicErrors errors() {
    return new AnthropicErrors(PROVIDER, Clock.systemUTC());
  }

  static AnthropicTranslator translator() {
    return new AnthropicTranslator(PROVIDER, AnthropicSettings.DEFAULT_MAX_TOKENS, errors());
  }

  static WireFixture fixture(String stem) {
    return WireFixture.load("anthropic", stem, stem.startsWith("stream-") ? "sse" : "json");
  }

  static JsonNode json(String text) {
    try {
      return Json.parse(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(RequestBody body) {
    Buffer buffer = new Buffer();
    try {
      body.writeTo(buffer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
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

  /** Joins the arguments fragments of the tool call with {@code index}. */
  static String arguments(List<CompleteStreamResponse> chunks, int index) {
    StringBuilder args = new StringBuilder();
    chunks.forEach(c -> c.getToolCallDeltasList().stream().filter(d -> d.getIndex() == index)
        .forEach(d -> args.append(d.getArgumentsJsonDelta())));
    return args.toString();
  }

  static String text(List<CompleteStreamResponse> chunks) {
    return StreamChunks.text(chunks);
  }

}
