package dev.llmgateway.bench.mock;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Builds OpenAI-compatible response bodies: chat completions (whole and as {@code chat.completion.chunk}
 * SSE events ending in {@code data: [DONE]}), embeddings lists and the models list, with the fields
 * and order of the API reference.
 */
final class OpenAiBodies {
  static final List<String> MODELS = List.of("mock-model", "mock-embed");
  private static final String FINGERPRINT = "fp_mock0001";
  private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

  private final JsonBytes json;

  OpenAiBodies(JsonBytes json) {
    this.json = json;
  }

  byte[] completion(String model) {
    return json.json(g -> {
      g.writeStartObject();
      g.writeStringField("id", MockContent.CHAT_ID);
      g.writeStringField("object", "chat.completion");
      g.writeNumberField("created", MockContent.CREATED);
      g.writeStringField("model", model);
      g.writeArrayFieldStart("choices");
      g.writeStartObject();
      g.writeNumberField("index", 0);
      g.writeObjectFieldStart("message");
      g.writeStringField("role", "assistant");
      g.writeStringField("content", MockContent.COMPLETION_TEXT);
      g.writeNullField("refusal");
      g.writeArrayFieldStart("annotations");
      g.writeEndArray();
      g.writeEndObject();
      g.writeNullField("logprobs");
      g.writeStringField("finish_reason", "stop");
      g.writeEndObject();
      g.writeEndArray();
      usage(g, MockContent.PROMPT_TOKENS, MockContent.COMPLETION_TOKENS);
      g.writeStringField("service_tier", "default");
      g.writeStringField("system_fingerprint", FINGERPRINT);
      g.writeEndObject();
    });
  }

  StreamBody stream(String model, int chunks, boolean includeUsage) {
    byte[] head = json.dataEvent(g -> chunk(g, model, Delta.ROLE, null, null));
    List<byte[]> texts = new ArrayList<>(chunks);
    for (int i = 0; i < chunks; i++) {
      String text = MockContent.token(i);
      texts.add(json.dataEvent(g -> chunk(g, model, Delta.CONTENT, text, null)));
    }
    byte[] finish = json.dataEvent(g -> chunk(g, model, Delta.EMPTY, null, "stop"));
    byte[] usage = includeUsage ? json.dataEvent(g -> usageChunk(g, model, chunks)) : new byte[0];
    ByteBuffer tail = ByteBuffer.allocate(finish.length + usage.length + DONE.length);
    tail.put(finish).put(usage).put(DONE);
    return new StreamBody(head, texts, tail.array());
  }

  byte[] embeddings(String model, int inputs, int dimensions, boolean base64) {
    return json.json(g -> {
      g.writeStartObject();
      g.writeStringField("object", "list");
      g.writeArrayFieldStart("data");
      for (int i = 0; i < inputs; i++) {
        g.writeStartObject();
        g.writeStringField("object", "embedding");
        g.writeFieldName("embedding");
        if (base64) {
          g.writeString(base64Vector(i, dimensions));
        } else {
          g.writeStartArray();
          for (int d = 0; d < dimensions; d++) {
            // Float.toString gives the shortest text that parses back to the same float.
            g.writeNumber(Float.toString(MockContent.embeddingValue(i, d)));
          }
          g.writeEndArray();
        }
        g.writeNumberField("index", i);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeStringField("model", model);
      g.writeObjectFieldStart("usage");
      g.writeNumberField("prompt_tokens", inputs * MockContent.EMBED_TOKENS_PER_INPUT);
      g.writeNumberField("total_tokens", inputs * MockContent.EMBED_TOKENS_PER_INPUT);
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  byte[] models() {
    return json.json(g -> {
      g.writeStartObject();
      g.writeStringField("object", "list");
      g.writeArrayFieldStart("data");
      for (String id : MODELS) {
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("object", "model");
        g.writeNumberField("created", MockContent.CREATED);
        g.writeStringField("owned_by", "mock");
        g.writeNullField("shutdown_date");
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    });
  }

  byte[] error(String message, String type, String code) {
    return json.json(g -> {
      g.writeStartObject();
      g.writeObjectFieldStart("error");
      g.writeStringField("message", message);
      g.writeStringField("type", type);
      g.writeNullField("param");
      g.writeStringField("code", code);
      g.writeEndObject();
      g.writeEndObject();
    });
  }

  private enum Delta { ROLE, CONTENT, EMPTY }

  private static void chunk(JsonGenerator g, String model, Delta delta, @Nullable String text,
      @Nullable String finishReason)
      throws IOException {
    chunkHeader(g, model);
    g.writeArrayFieldStart("choices");
    g.writeStartObject();
    g.writeNumberField("index", 0);
    g.writeObjectFieldStart("delta");
    switch (delta) {
      case ROLE -> {
        g.writeStringField("role", "assistant");
        g.writeStringField("content", "");
        g.writeNullField("refusal");
      }
      case CONTENT -> g.writeStringField("content", text);
      case EMPTY -> { }
    }
    g.writeEndObject();
    g.writeNullField("logprobs");
    if (finishReason == null) {
      g.writeNullField("finish_reason");
    } else {
      g.writeStringField("finish_reason", finishReason);
    }
    g.writeEndObject();
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void usageChunk(JsonGenerator g, String model, int chunks) throws IOException {
    chunkHeader(g, model);
    g.writeArrayFieldStart("choices");
    g.writeEndArray();
    usage(g, MockContent.PROMPT_TOKENS, chunks);
    g.writeEndObject();
  }

  private static void chunkHeader(JsonGenerator g, String model) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", MockContent.CHAT_ID);
    g.writeStringField("object", "chat.completion.chunk");
    g.writeNumberField("created", MockContent.CREATED);
    g.writeStringField("model", model);
    g.writeStringField("system_fingerprint", FINGERPRINT);
  }

  private static void usage(JsonGenerator g, int prompt, int completion) throws IOException {
    g.writeObjectFieldStart("usage");
    g.writeNumberField("prompt_tokens", prompt);
    g.writeNumberField("completion_tokens", completion);
    g.writeNumberField("total_tokens", prompt + completion);
    g.writeObjectFieldStart("prompt_tokens_details");
    g.writeNumberField("cached_tokens", 0);
    g.writeNumberField("audio_tokens", 0);
    g.writeEndObject();
    g.writeObjectFieldStart("completion_tokens_details");
    g.writeNumberField("reasoning_tokens", 0);
    g.writeNumberField("audio_tokens", 0);
    g.writeNumberField("accepted_prediction_tokens", 0);
    g.writeNumberField("rejected_prediction_tokens", 0);
    g.writeEndObject();
    g.writeEndObject();
  }

  private static String base64Vector(int input, int dimensions) {
    // The API's base64 form is the vector's float32 values, little-endian.
    ByteBuffer bytes = ByteBuffer.allocate(dimensions * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (int d = 0; d < dimensions; d++) {
      bytes.putFloat(MockContent.embeddingValue(input, d));
    }
    return Base64.getEncoder().encodeToString(bytes.array());
  }
}
