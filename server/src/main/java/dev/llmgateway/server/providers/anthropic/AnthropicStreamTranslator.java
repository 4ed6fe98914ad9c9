package dev.llmgateway.server.providers.anthropic;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.ToolCallDelta;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Turns the events of one Anthropic stream into contract chunks, one event at a time, so each chunk can
 * be forwarded the moment its event is parsed. {@code message_start} yields the first chunk (id, provider,
 * model); text and tool-argument deltas yield middle chunks; {@code message_stop} yields the last chunk
 * with finish reason and usage. {@code ping}, thinking and citation deltas and unknown event types yield
 * nothing. An {@code error} event or a malformed event throws a classified {@link GatewayException}.
 * Stateful and not thread-safe: one instance per stream, fed from one thread.
 */
final class AnthropicStreamTranslator {
  private final String provider;
  private final String requestedModel;
  private final AnthropicErrors errors;
  private final AnthropicUsage usage = new AnthropicUsage();
  /** Maps content block indexes to tool call indexes: the contract counts tool calls only, from 0. */
  private final Map<Integer, Integer> toolCallByBlock = new HashMap<>();
  @Nullable private String id;
  @Nullable private String stopReason;
  private boolean finished;

  AnthropicStreamTranslator(String provider, String requestedModel, AnthropicErrors errors) {
    this.provider = requireNonNull(provider, "provider");
    this.requestedModel = requireNonNull(requestedModel, "requestedModel");
    this.errors = requireNonNull(errors, "errors");
  }

  /** Returns whether {@code message_stop} arrived: the stream is complete and the last chunk was made. */
  boolean finished() {
    return finished;
  }

  /**
   * Translates one event's {@code data}. Returns the chunk to forward, or null when the event carries
   * nothing for the caller.
   */
  @Nullable
  CompleteStreamResponse onEvent(String data) {
    JsonNode event;
    try {
      event = Json.parse(data);
    } catch (IOException e) {
      throw errors.protocolError("sent a stream event that is not JSON", e);
    }
    if (event == null || !event.isObject()) {
      throw errors.protocolError("sent a stream event that is not a JSON object", null);
    }
    String type = event.path("type").asText("");
    if (type.equals("error")) {
      throw errors.fromStreamError(event.path("error"));
    }
    if (finished || type.equals("ping")) {
      return null;
    }
    if (id == null && !type.equals("message_start") && isMessageEvent(type)) {
      throw errors.protocolError("sent '" + type + "' before message_start", null);
    }
    return switch (type) {
      case "message_start" -> messageStart(event.path("message"));
      case "content_block_start" -> blockStart(blockIndex(event), event.path("content_block"));
      case "content_block_delta" -> blockDelta(blockIndex(event), event.path("delta"));
      case "message_delta" -> messageDelta(event);
      case "message_stop" -> messageStop();
      // content_block_stop closes nothing the contract models; unknown types are future additions the
      // API reference asks clients to tolerate.
      default -> null;
    };
  }

  private static boolean isMessageEvent(String type) {
    return type.startsWith("message_") || type.startsWith("content_block_");
  }

  private CompleteStreamResponse messageStart(JsonNode message) {
    if (id != null) {
      throw errors.protocolError("sent a second message_start", null);
    }
    JsonNode messageId = message.get("id");
    if (messageId == null || !messageId.isTextual()) {
      throw errors.protocolError("sent message_start without a message id", null);
    }
    id = messageId.asText();
    usage.merge(message.path("usage"));
    return chunk().setProvider(provider).setModel(message.path("model").asText(requestedModel)).build();
  }

  @Nullable
  private CompleteStreamResponse blockStart(int index, JsonNode block) {
    switch (block.path("type").asText("")) {
      case "text" -> {
        String text = block.path("text").asText("");
        return text.isEmpty() ? null : chunk().setTextDelta(text).build();
      }
      case "tool_use" -> {
        JsonNode callId = block.get("id");
        JsonNode name = block.get("name");
        if (callId == null || !callId.isTextual() || name == null || !name.isTextual()) {
          throw errors.protocolError("started a tool_use block without id and name", null);
        }
        int call = toolCallByBlock.size();
        toolCallByBlock.put(index, call);
        ToolCallDelta.Builder delta = ToolCallDelta.newBuilder()
            .setIndex(call).setId(callId.asText()).setName(name.asText());
        JsonNode input = block.get("input");
        // The input is normally {} with the arguments following as deltas; anything already in it is
        // the start of the arguments.
        if (input != null && input.isObject() && input.size() > 0) {
          delta.setArgumentsJsonDelta(input.toString());
        }
        return chunk().addToolCallDeltas(delta).build();
      }
      default -> {
        // Thinking, redacted thinking and server-side tool blocks are not part of the caller's answer.
        return null;
      }
    }
  }

  @Nullable
  private CompleteStreamResponse blockDelta(int index, JsonNode delta) {
    switch (delta.path("type").asText("")) {
      case "text_delta" -> {
        String text = delta.path("text").asText("");
        return text.isEmpty() ? null : chunk().setTextDelta(text).build();
      }
      case "input_json_delta" -> {
        Integer call = toolCallByBlock.get(index);
        String partial = delta.path("partial_json").asText("");
        // Arguments of server-side tools (not the caller's to run) and empty fragments are dropped.
        if (call == null || partial.isEmpty()) {
          return null;
        }
        return chunk().addToolCallDeltas(
            ToolCallDelta.newBuilder().setIndex(call).setArgumentsJsonDelta(partial)).build();
      }
      default -> {
        // thinking_delta, signature_delta, citations_delta: nothing the contract carries.
        return null;
      }
    }
  }

  @Nullable
  private CompleteStreamResponse messageDelta(JsonNode event) {
    String reason = AnthropicTranslator.optionalText(event.path("delta"), "stop_reason");
    if (reason != null) {
      stopReason = reason;
    }
    usage.merge(event.path("usage"));
    return null;
  }

  private CompleteStreamResponse messageStop() {
    finished = true;
    return chunk()
        .setFinishReason(AnthropicTranslator.finishReason(stopReason))
        .setUpstreamFinishReason(stopReason == null ? "" : stopReason)
        .setUsage(usage.toProto())
        .build();
  }

  private int blockIndex(JsonNode event) {
    JsonNode index = event.get("index");
    if (index == null || !index.canConvertToInt() || !index.isIntegralNumber()) {
      throw errors.protocolError("sent a content block event without an index", null);
    }
    return index.asInt();
  }

  private CompleteStreamResponse.Builder chunk() {
    return CompleteStreamResponse.newBuilder().setId(id);
  }
}
