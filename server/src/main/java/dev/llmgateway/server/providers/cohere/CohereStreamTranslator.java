package dev.llmgateway.server.providers.cohere;

import static dev.llmgateway.server.providers.cohere.CohereFields.text;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.ToolCallDelta;
import dev.llmgateway.v1.Usage;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Turns the events of one v2 chat stream into contract chunks, one event at a time, so each chunk can be
 * forwarded the moment its event is parsed. Events are told apart by their {@code type} field, as
 * Cohere's SDKs do; the SSE {@code event:} name is only a fallback.
 *
 * <ul>
 *   <li>{@code message-start}: the first chunk (id, provider, model).
 *   <li>{@code content-delta}: the text delta; a thinking delta (the model's hidden reasoning) yields
 *       nothing. {@code content-start} yields its text when it carries any.
 *   <li>{@code tool-plan-delta}: a text delta, as the whole-answer translation puts the plan in the text.
 *   <li>{@code tool-call-start}: a tool call's index, id, name and any first arguments;
 *       {@code tool-call-delta}: its next arguments fragment.
 *   <li>{@code message-end}: the last chunk with finish reason and usage, or a classified failure for
 *       finish reason ERROR or TIMEOUT or an {@code error}.
 *   <li>{@code content-end}, {@code tool-call-end}, {@code citation-start}, {@code citation-end} and
 *       {@code debug} carry nothing the contract models (citations point into text already sent), and
 *       unknown types are tolerated as future additions: all yield nothing.
 * </ul>
 *
 * <p>Stateful and not thread-safe: one instance per stream, fed from one thread.
 */
final class CohereStreamTranslator {
  private static final String DONE = "[DONE]";

  private final String provider;
  private final String model;
  private final String fallbackId;
  private final CohereErrors errors;
  /** Maps Cohere's tool call indexes to the contract's, which count this answer's calls from 0. */
  private final Map<Integer, Integer> toolCalls = new HashMap<>();
  @Nullable private String id;
  private boolean finished;

  /**
   * Creates the translator for one stream.
   *
   * @param model the model that was asked for: Cohere's events do not name it
   * @param fallbackId the chunk id to use when {@code message-start} carries none
   */
  CohereStreamTranslator(String provider, String model, String fallbackId, CohereErrors errors) {
    this.provider = requireNonNull(provider, "provider");
    this.model = requireNonNull(model, "model");
    this.fallbackId = requireNonNull(fallbackId, "fallbackId");
    this.errors = requireNonNull(errors, "errors");
  }

  /** Returns whether {@code message-end} arrived and its last chunk was made. */
  boolean finished() {
    return finished;
  }

  /**
   * Translates one event. Returns the chunk to forward, or null when the event carries nothing for the
   * caller. Throws PROVIDER_PROTOCOL_ERROR for an event that is not a Cohere event, and the classified
   * failure for a generation that ended in an error.
   */
  @Nullable
  CompleteStreamResponse onEvent(@Nullable String eventName, String data) {
    if (finished || DONE.equals(data.strip())) {
      // Cohere ends the body with data: [DONE] after message-end; nothing after message-end matters.
      return null;
    }
    JsonNode event;
    try {
      event = Json.parse(data);
    } catch (IOException e) {
      throw errors.protocolError("a stream event is not valid JSON", e);
    }
    if (event == null || !event.isObject()) {
      throw errors.protocolError("a stream event is not a JSON object", null);
    }
    String type = text(event, "type");
    if (type == null) {
      type = eventName;
    }
    if (type == null || type.isEmpty()) {
      throw errors.protocolError("a stream event has no type", null);
    }
    if (id == null && !type.equals("message-start") && !type.equals("debug")) {
      throw errors.protocolError("'" + type + "' arrived before message-start", null);
    }
    JsonNode message = event.path("delta").path("message");
    return switch (type) {
      case "message-start" -> messageStart(event);
      case "content-start", "content-delta" -> textChunk(text(message.path("content"), "text"));
      case "tool-plan-delta" -> textChunk(text(message, "tool_plan"));
      case "tool-call-start" -> toolCallStart(index(event), message.path("tool_calls"));
      case "tool-call-delta" -> toolCallDelta(index(event), message.path("tool_calls"));
      case "message-end" -> messageEnd(event.path("delta"));
      default -> null;
    };
  }

  private CompleteStreamResponse messageStart(JsonNode event) {
    if (id != null) {
      throw errors.protocolError("a second message-start arrived", null);
    }
    String upstreamId = text(event, "id");
    id = upstreamId == null || upstreamId.isEmpty() ? fallbackId : upstreamId;
    return chunk().setProvider(provider).setModel(model).build();
  }

  @Nullable
  private CompleteStreamResponse textChunk(@Nullable String text) {
    return text == null || text.isEmpty() ? null : chunk().setTextDelta(text).build();
  }

  private CompleteStreamResponse toolCallStart(int index, JsonNode call) {
    if (toolCalls.containsKey(index)) {
      throw errors.protocolError("tool call " + index + " started twice", null);
    }
    String name = text(call.path("function"), "name");
    if (name == null || name.isEmpty()) {
      throw errors.protocolError("a tool call started without a function name", null);
    }
    int ours = toolCalls.size();
    toolCalls.put(index, ours);
    String callId = text(call, "id");
    ToolCallDelta.Builder delta = ToolCallDelta.newBuilder()
        .setIndex(ours)
        .setId(callId == null ? "" : callId)
        .setName(name);
    String arguments = text(call.path("function"), "arguments");
    if (arguments != null) {
      delta.setArgumentsJsonDelta(arguments);
    }
    return chunk().addToolCallDeltas(delta).build();
  }

  @Nullable
  private CompleteStreamResponse toolCallDelta(int index, JsonNode call) {
    Integer ours = toolCalls.get(index);
    if (ours == null) {
      throw errors.protocolError("arguments arrived for tool call " + index + ", which never started", null);
    }
    String fragment = text(call.path("function"), "arguments");
    if (fragment == null || fragment.isEmpty()) {
      return null;
    }
    return chunk().addToolCallDeltas(ToolCallDelta.newBuilder().setIndex(ours).setArgumentsJsonDelta(fragment))
        .build();
  }

  private CompleteStreamResponse messageEnd(JsonNode delta) {
    String finish = text(delta, "finish_reason");
    String error = text(delta, "error");
    if (CohereFields.isFailure(finish) || (error != null && !error.isEmpty())) {
      throw errors.generationFailed(finish);
    }
    finished = true;
    CompleteStreamResponse.Builder last = chunk()
        .setFinishReason(CohereFields.finishReason(finish))
        .setUpstreamFinishReason(finish == null ? "" : finish);
    Usage usage = CohereFields.usage(delta.path("usage"));
    if (usage != null) {
      last.setUsage(usage);
    }
    return last.build();
  }

  private int index(JsonNode event) {
    JsonNode index = event.get("index");
    if (index == null || !index.isIntegralNumber() || !index.canConvertToInt() || index.intValue() < 0) {
      throw errors.protocolError("a tool call event has no valid index", null);
    }
    return index.intValue();
  }

  private CompleteStreamResponse.Builder chunk() {
    return CompleteStreamResponse.newBuilder().setId(id);
  }
}
