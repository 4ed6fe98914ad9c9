package dev.llmgateway.server.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.testing.StreamChunks;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.config.ProviderConfig;
import dev.llmgateway.server.config.Secret;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.server.testing.WireFixture;
import dev.llmgateway.v1.CompleteStreamResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.eventstream.MessageDecoder;

/** Provides shared fixtures and recording sinks for the Bedrock adapter tests. */
final class BedrockTesting {
  static final String PROVIDER = "aws";
  static final String REGION = "us-east-1";
  /** AWS's public documentation example credentials, as used by its SigV4 test suite. */
  static final String ACCESS_KEY = "AKIDEXAMPLE";
  static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
  static final Instant NOW = Instant.parse("2025-01-02T03:04:05Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final long WAIT_SECONDS = 10;

  private BedrockTesting() {}

  /** Returns the environment of a machine with AWS credentials and a region exported. */
  static Map<String, String> environment() {
    return Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY, "AWS_REGION", REGION);
  }

  /** Returns a provider configuration as the loader makes it with {@code api-key-env = AWS_ACCESS_KEY_ID}. */
  static ProviderConfig config(String baseUrl, Map<String, String> options) {
    return new ProviderConfig(PROVIDER, "bedrock", baseUrl, "AWS_ACCESS_KEY_ID",
        Optional.of(new Secret(ACCESS_KEY)), true, Map.of(), Duration.ofSeconds(5), Duration.ofSeconds(5),
        Duration.ofSeconds(30), false, options);
  }

  static BedrockErrors errors() {
    return new BedrockErrors(PROVIDER, CLOCK);
  }

  static WireFixture fixture(String stem) {
    return WireFixture.load("bedrock", stem, stem.startsWith("converse-stream") ? "bin" : "json");
  }

  static byte[] resource(String path) {
    try (InputStream in = BedrockTesting.class.getResourceAsStream("/wire/bedrock/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource " + path);
      }
      return in.readAllBytes();
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

  static JsonNode json(byte[] bytes) {
    try {
      return Json.parse(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Decodes {@code bytes} with the AWS decoder, fed {@code chunkSize} bytes at a time. */
  static List<software.amazon.eventstream.Message> decode(byte[] bytes, int chunkSize) {
    List<software.amazon.eventstream.Message> messages = new ArrayList<>();
    MessageDecoder decoder = new MessageDecoder(messages::add);
    for (int from = 0; from < bytes.length; from += chunkSize) {
      decoder.feed(bytes, from, Math.min(chunkSize, bytes.length - from));
    }
    return messages;
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
