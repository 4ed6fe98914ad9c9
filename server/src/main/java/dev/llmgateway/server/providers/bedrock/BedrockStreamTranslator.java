package dev.llmgateway.server.providers.bedrock;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.ToolCallDelta;
import dev.llmgateway.v1.Usage;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import javax.annotation.Nullable;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * Turns the decoded event-stream messages of one ConverseStream into contract chunks, one message at a
 * time, so each chunk can be forwarded the moment its frame is decoded. {@code messageStart} yields the
 * first chunk (id, provider, model); text and tool-input deltas yield middle chunks; the last chunk, with
 * finish reason and usage, is made once both {@code messageStop} (the stop reason) and {@code metadata}
 * (the usage, which Bedrock sends after it) have arrived. Exception and error frames, and frames that
 * break the format, throw a classified {@link GatewayException}. Stateful and not thread-safe: one
 * instance per stream, fed from one thread.
 */
final class BedrockStreamTranslator {
  private final String provider;
  private final String id;
  private final String model;
  private final BedrockErrors errors;
  /** Maps content block indexes to tool call indexes: the contract counts tool calls only, from 0. */
  private final Map<Integer, Integer> toolCallByBlock = new HashMap<>();
  private boolean started;
  @Nullable private String stopReason;
  @Nullable private Usage usage;
  private boolean finished;

  BedrockStreamTranslator(String provider, String id, String model, BedrockErrors errors) {
    this.provider = requireNonNull(provider, "provider");
    this.id = requireNonNull(id, "id");
    this.model = requireNonNull(model, "model");
    this.errors = requireNonNull(errors, "errors");
  }

  /** Returns whether the answer is complete: the last chunk was made. */
  boolean finished() {
    return finished;
  }

  /** Translates one message. Returns the chunk to forward, or null when it carries nothing for the caller. */
  @Nullable
  CompleteStreamResponse onMessage(Message message) {
    if (finished) {
      // Whatever follows the last chunk (there should be nothing) cannot change the answer.
      return null;
    }
    Map<String, HeaderValue> headers = message.getHeaders();
    String messageType = header(headers, ":message-type");
    if (messageType == null) {
      throw errors.protocolError("sent an event-stream frame without :message-type", null);
    }
    switch (messageType) {
      case "exception" -> {
        JsonNode payload = parse(message);
        throw errors.fromStreamException(header(headers, ":exception-type"),
            payload == null ? null : BedrockTranslator.optionalText(payload, "message"));
      }
      case "error" -> throw errors.fromStreamException(header(headers, ":error-code"),
          header(headers, ":error-message"));
      case "event" -> {
        String eventType = header(headers, ":event-type");
        JsonNode payload = parse(message);
        if (eventType == null || payload == null || !payload.isObject()) {
          throw errors.protocolError("sent an event without :event-type or a JSON object payload", null);
        }
        return onEvent(eventType, payload);
      }
      default -> throw errors.protocolError("sent an event-stream frame of unknown type '" + messageType + "'",
          null);
    }
  }

  @Nullable
  private CompleteStreamResponse onEvent(String type, JsonNode event) {
    if (type.equals("messageStart")) {
      if (started) {
        throw errors.protocolError("sent a second messageStart", null);
      }
      started = true;
      return chunk().setProvider(provider).setModel(model).build();
    }
    if (!started) {
      throw errors.protocolError("sent '" + type + "' before messageStart", null);
    }
    return switch (type) {
      case "contentBlockStart" -> blockStart(blockIndex(event), event.path("start"));
      case "contentBlockDelta" -> blockDelta(blockIndex(event), event.path("delta"));
      case "messageStop" -> {
        stopReason = BedrockTranslator.optionalText(event, "stopReason");
        if (stopReason == null) {
          throw errors.protocolError("sent messageStop without a stopReason", null);
        }
        yield lastChunkIfComplete();
      }
      case "metadata" -> {
        // metrics (latency), trace (guardrails) and performanceConfig are not part of the contract.
        usage = BedrockUsage.fromConverse(event.get("usage"));
        yield lastChunkIfComplete();
      }
      // contentBlockStop closes nothing the contract models; unknown types are future additions.
      default -> null;
    };
  }

  @Nullable
  private CompleteStreamResponse blockStart(int index, JsonNode start) {
    JsonNode toolUse = start.get("toolUse");
    if (toolUse == null) {
      // toolResult and image starts belong to server-side tools and image output, not the caller's answer.
      return null;
    }
    String callId = BedrockTranslator.optionalText(toolUse, "toolUseId");
    String name = BedrockTranslator.optionalText(toolUse, "name");
    if (callId == null || name == null) {
      throw errors.protocolError("started a toolUse block without toolUseId and name", null);
    }
    int call = toolCallByBlock.size();
    toolCallByBlock.put(index, call);
    return chunk().addToolCallDeltas(ToolCallDelta.newBuilder().setIndex(call).setId(callId).setName(name))
        .build();
  }

  @Nullable
  private CompleteStreamResponse blockDelta(int index, JsonNode delta) {
    JsonNode text = delta.get("text");
    if (text != null) {
      return text.asText("").isEmpty() ? null : chunk().setTextDelta(text.asText()).build();
    }
    JsonNode toolUse = delta.get("toolUse");
    if (toolUse != null) {
      Integer call = toolCallByBlock.get(index);
      if (call == null) {
        throw errors.protocolError("sent tool input for a block that started no toolUse", null);
      }
      String input = toolUse.path("input").asText("");
      return input.isEmpty() ? null
          : chunk().addToolCallDeltas(ToolCallDelta.newBuilder().setIndex(call).setArgumentsJsonDelta(input))
              .build();
    }
    // reasoningContent, citation, image and toolResult deltas: nothing the contract carries.
    return null;
  }

  @Nullable
  private CompleteStreamResponse lastChunkIfComplete() {
    if (stopReason == null || usage == null) {
      return null;
    }
    finished = true;
    return chunk()
        .setFinishReason(BedrockUsage.finishReason(stopReason))
        .setUpstreamFinishReason(stopReason)
        .setUsage(usage)
        .build();
  }

  private int blockIndex(JsonNode event) {
    JsonNode index = event.get("contentBlockIndex");
    if (index == null || !index.isIntegralNumber() || !index.canConvertToInt()) {
      throw errors.protocolError("sent a content block event without a contentBlockIndex", null);
    }
    return index.asInt();
  }

  @Nullable
  private JsonNode parse(Message message) {
    byte[] payload = message.getPayload();
    if (payload.length == 0) {
      return null;
    }
    try {
      return Json.parse(payload);
    } catch (IOException e) {
      throw errors.protocolError("sent an event-stream frame whose payload is not JSON", e);
    }
  }

  @Nullable
  private static String header(Map<String, HeaderValue> headers, String name) {
    HeaderValue value = headers.get(name);
    if (value == null) {
      return null;
    }
    try {
      return value.getString();
    } catch (IllegalStateException notAString) {
      // Bedrock sends every header it defines as a string; any other type is as good as absent.
      return null;
    }
  }

  private CompleteStreamResponse.Builder chunk() {
    return CompleteStreamResponse.newBuilder().setId(id);
  }
}
