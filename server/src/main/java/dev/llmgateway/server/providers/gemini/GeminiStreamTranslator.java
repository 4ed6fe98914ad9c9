package dev.llmgateway.server.providers.gemini;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.ToolCallDelta;
import java.io.IOException;
import javax.annotation.Nullable;

/**
 * Turns the events of one {@code streamGenerateContent?alt=sse} stream into contract chunks, one event at
 * a time. Every event is a whole {@code GenerateContentResponse} carrying the next text and any complete
 * function calls; the first event also yields the first chunk (id, provider, model), later ones a chunk
 * whenever they carry text or calls. Gemini sends no terminal event: the body just ends, after an event
 * with a {@code finishReason} (older models repeat {@code STOP} on every event, and usage counts are
 * cumulative and repeated), so the last chunk, with the last finish reason and usage seen, is made by
 * {@link #finish} once the body has ended. An {@code error} object, a blocked prompt or a malformed event
 * throws a classified {@link GatewayException}. Stateful and not thread-safe: one instance per stream,
 * fed from one thread.
 */
final class GeminiStreamTranslator {
  private final String provider;
  private final String requestId;
  private final String requestedModel;
  private final GeminiErrors errors;
  @Nullable private String id;
  @Nullable private String finishReason;
  @Nullable private JsonNode usage;
  private int calls;

  GeminiStreamTranslator(String provider, String requestId, String requestedModel, GeminiErrors errors) {
    this.provider = requireNonNull(provider, "provider");
    this.requestId = requireNonNull(requestId, "requestId");
    this.requestedModel = requireNonNull(requestedModel, "requestedModel");
    this.errors = requireNonNull(errors, "errors");
  }

  /**
   * Translates one event's {@code data}. Returns the chunk to forward, or null when the event carries
   * nothing new for the caller.
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
    JsonNode error = event.get("error");
    if (error != null && error.isObject()) {
      throw errors.fromStreamError(error);
    }
    String blockReason = GeminiTranslator.blockReason(event);
    if (blockReason != null) {
      throw errors.promptBlocked(blockReason);
    }
    GeminiCandidate candidate = GeminiCandidate.first(event, errors);
    JsonNode eventUsage = event.get("usageMetadata");
    if (eventUsage != null && eventUsage.isObject()) {
      // Counts are cumulative: the latest event's replace what came before.
      usage = eventUsage;
    }
    if (candidate.finishReason() != null) {
      finishReason = candidate.finishReason();
    }
    CompleteStreamResponse.Builder chunk = CompleteStreamResponse.newBuilder();
    boolean first = id == null;
    if (first) {
      id = GeminiTranslator.textOr(event, "responseId", requestId);
      chunk.setProvider(provider).setModel(GeminiTranslator.textOr(event, "modelVersion", requestedModel));
    }
    chunk.setId(id).setTextDelta(candidate.text());
    for (GeminiCandidate.Call call : candidate.calls()) {
      // Gemini sends each call whole, so one delta carries id, name and all of the arguments.
      chunk.addToolCallDeltas(ToolCallDelta.newBuilder()
          .setIndex(calls)
          .setId(GeminiToolCallIds.encode(call.id(), calls, call.signature()))
          .setName(call.name())
          .setArgumentsJsonDelta(call.argumentsJson()));
      calls++;
    }
    boolean news = !candidate.text().isEmpty() || !candidate.calls().isEmpty();
    return first || news ? chunk.build() : null;
  }

  /**
   * Returns the last chunk, for a body that has ended: finish reason and usage. Throws
   * PROVIDER_UNAVAILABLE when no event carried a finish reason, as the answer was cut short.
   */
  CompleteStreamResponse finish() {
    if (finishReason == null) {
      throw errors.truncated(null);
    }
    return CompleteStreamResponse.newBuilder()
        .setId(id)
        .setFinishReason(GeminiTranslator.finishReason(finishReason, calls > 0))
        .setUpstreamFinishReason(finishReason)
        .setUsage(GeminiUsage.from(usage))
        .build();
  }
}
