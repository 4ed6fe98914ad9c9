package dev.llmgateway.bench.mock;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds Anthropic Messages API bodies: a whole {@code message}, and the streamed event sequence
 * {@code message_start}, {@code content_block_start}, {@code ping}, {@code content_block_delta}...,
 * {@code content_block_stop}, {@code message_delta} (cumulative output tokens), {@code message_stop}.
 */
final class AnthropicBodies {
  static final List<String> MODELS = List.of("mock-claude");

  private final JsonBytes json;

  AnthropicBodies(JsonBytes json) {
    this.json = json;
  }

  byte[] message(String model) {
    return json.json(g -> {
      g.writeStartObject();
      g.writeStringField("model", model);
      g.writeStringField("id", MockContent.MESSAGE_ID);
      g.writeStringField("type", "message");
      g.writeStringField("role", "assistant");
      g.writeArrayFieldStart("content");
      g.writeStartObject();
      g.writeStringField("type", "text");
      g.writeStringField("text", MockContent.COMPLETION_TEXT);
      g.writeEndObject();
      g.writeEndArray();
      g.writeStringField("stop_reason", "end_turn");
      g.writeNullField("stop_sequence");
      usage(g, MockContent.COMPLETION_TOKENS);
      g.writeEndObject();
    });
  }

  StreamBody stream(String model, int chunks) {
    byte[] start = json.namedEvent("message_start", g -> {
      g.writeStartObject();
      g.writeStringField("type", "message_start");
      g.writeObjectFieldStart("message");
      g.writeStringField("model", model);
      g.writeStringField("id", MockContent.MESSAGE_ID);
      g.writeStringField("type", "message");
      g.writeStringField("role", "assistant");
      g.writeArrayFieldStart("content");
      g.writeEndArray();
      g.writeNullField("stop_reason");
      g.writeNullField("stop_sequence");
      // The start event carries the input tokens and a placeholder output count.
      usage(g, 1);
      g.writeEndObject();
      g.writeEndObject();
    });
    byte[] blockStart = json.namedEvent("content_block_start", g -> {
      g.writeStartObject();
      g.writeStringField("type", "content_block_start");
      g.writeNumberField("index", 0);
      g.writeObjectFieldStart("content_block");
      g.writeStringField("type", "text");
      g.writeStringField("text", "");
      g.writeEndObject();
      g.writeEndObject();
    });
    byte[] ping = json.namedEvent("ping", g -> {
      g.writeStartObject();
      g.writeStringField("type", "ping");
      g.writeEndObject();
    });
    List<byte[]> deltas = new ArrayList<>(chunks);
    for (int i = 0; i < chunks; i++) {
      String text = MockContent.token(i);
      deltas.add(json.namedEvent("content_block_delta", g -> {
        g.writeStartObject();
        g.writeStringField("type", "content_block_delta");
        g.writeNumberField("index", 0);
        g.writeObjectFieldStart("delta");
        g.writeStringField("type", "text_delta");
        g.writeStringField("text", text);
        g.writeEndObject();
        g.writeEndObject();
      }));
    }
    byte[] blockStop = json.namedEvent("content_block_stop", g -> {
      g.writeStartObject();
      g.writeStringField("type", "content_block_stop");
      g.writeNumberField("index", 0);
      g.writeEndObject();
    });
    byte[] messageDelta = json.namedEvent("message_delta", g -> {
      g.writeStartObject();
      g.writeStringField("type", "message_delta");
      g.writeObjectFieldStart("delta");
      g.writeStringField("stop_reason", "end_turn");
      g.writeNullField("stop_sequence");
      g.writeEndObject();
      // Current streams repeat the input counts here, with the cumulative output count.
      g.writeObjectFieldStart("usage");
      g.writeNumberField("input_tokens", MockContent.PROMPT_TOKENS);
      g.writeNumberField("cache_creation_input_tokens", 0);
      g.writeNumberField("cache_read_input_tokens", 0);
      g.writeNumberField("output_tokens", chunks);
      g.writeEndObject();
      g.writeEndObject();
    });
    byte[] stop = json.namedEvent("message_stop", g -> {
      g.writeStartObject();
      g.writeStringField("type", "message_stop");
      g.writeEndObject();
    });
    return new StreamBody(concat(start, blockStart, ping), deltas, concat(blockStop, messageDelta, stop));
  }

  byte[] models() {
    return json.json(g -> {
      g.writeStartObject();
      g.writeArrayFieldStart("data");
      for (String id : MODELS) {
        g.writeStartObject();
        g.writeStringField("type", "model");
        g.writeStringField("id", id);
        g.writeStringField("display_name", "Mock Claude");
        g.writeStringField("created_at", "2025-02-19T00:00:00Z");
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeBooleanField("has_more", false);
      g.writeStringField("first_id", MODELS.get(0));
      g.writeStringField("last_id", MODELS.get(MODELS.size() - 1));
      g.writeEndObject();
    });
  }

  byte[] error(String type, String message) {
    return json.json(g -> {
      g.writeStartObject();
      g.writeStringField("type", "error");
      g.writeObjectFieldStart("error");
      g.writeStringField("type", type);
      g.writeStringField("message", message);
      g.writeEndObject();
      g.writeStringField("request_id", "req_mock0001");
      g.writeEndObject();
    });
  }

  private static void usage(JsonGenerator g, int outputTokens) throws IOException {
    g.writeObjectFieldStart("usage");
    g.writeNumberField("input_tokens", MockContent.PROMPT_TOKENS);
    g.writeNumberField("cache_creation_input_tokens", 0);
    g.writeNumberField("cache_read_input_tokens", 0);
    g.writeObjectFieldStart("cache_creation");
    g.writeNumberField("ephemeral_5m_input_tokens", 0);
    g.writeNumberField("ephemeral_1h_input_tokens", 0);
    g.writeEndObject();
    g.writeNumberField("output_tokens", outputTokens);
    g.writeStringField("service_tier", "standard");
    g.writeStringField("inference_geo", "not_available");
    g.writeEndObject();
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    ByteBuffer all = ByteBuffer.allocate(length);
    for (byte[] part : parts) {
      all.put(part);
    }
    return all.array();
  }
}
