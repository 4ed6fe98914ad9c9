package dev.llmgateway.server.providers.openai;

import static dev.llmgateway.server.providers.openai.OpenAiFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.ToolCallDelta;
import dev.llmgateway.v1.Usage;
import java.io.IOException;
import java.util.BitSet;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Turns the events of one chat-completions stream into gateway chunks, each as soon as it is parsed.
 *
 * <p>OpenAI ends a stream with the finish-reason chunk, then (when asked with {@code include_usage}) a
 * usage chunk with no choices, then {@code data: [DONE]}. Our last chunk must carry both, so only the
 * finish reason is held back: the final chunk goes out when usage arrives with or after it, or at
 * {@code [DONE]} with whatever usage is known for servers that send none. Deltas are never held.
 *
 * <p>Azure adds content-filter annotation events: a first one with {@code choices: []} and
 * {@code prompt_filter_results} (its {@code usage} is null, so it is not the usage chunk), and events
 * whose choice has {@code content_filter_results} but no {@code delta}, between and even after the
 * content chunks. They produce no chunk; a {@code finish_reason} on them (Azure's asynchronous filter
 * stops a stream with {@code content_filter} there) is kept like any other.
 *
 * <p>Stateful: one instance per stream, fed from one thread at a time.
 */
final class OpenAiStreamTranslator {
  private static final String DONE = "[DONE]";

  private final String provider;
  private final OpenAiErrors errors;
  private final String fallbackId;
  private final String fallbackModel;
  /** Tool-call indexes whose id and name went out already: the contract sends them once per call. */
  private final BitSet announcedCalls = new BitSet();

  private String id = "";
  private boolean started;
  @Nullable private String upstreamFinish;
  private boolean refused;
  @Nullable private Usage usage;
  private boolean finalSent;
  private boolean doneSeen;

  /**
   * Creates the translator for one stream.
   *
   * @param fallbackId the chunk id to use when the server gives none
   * @param fallbackModel the model to report when the server names none: the one that was requested
   */
  OpenAiStreamTranslator(String provider, OpenAiErrors errors, String fallbackId, String fallbackModel) {
    this.provider = provider;
    this.errors = errors;
    this.fallbackId = fallbackId;
    this.fallbackModel = fallbackModel;
  }

  /**
   * Translates one event into the chunks to forward, in order (usually zero or one). Throws a
   * classified {@link dev.llmgateway.server.errors.GatewayException} for an error event and
   * PROVIDER_PROTOCOL_ERROR for data that is not a chunk.
   */
  List<CompleteStreamResponse> onEvent(@Nullable String type, String data) {
    if (doneSeen) {
      return List.of();
    }
    if (DONE.equals(data.strip())) {
      doneSeen = true;
      return finalSent ? List.of() : List.of(finish(null, null).build());
    }
    JsonNode root;
    try {
      root = Json.parse(data);
    } catch (IOException e) {
      throw errors.protocolError("a stream event is not valid JSON", e);
    }
    if (!root.isObject()) {
      throw errors.protocolError("a stream event is not a JSON object", null);
    }
    JsonNode error = root.get("error");
    if ((error != null && !error.isNull()) || "error".equals(type)) {
      throw errors.fromStreamEvent(root);
    }
    if (finalSent) {
      // Only [DONE] can follow the usage chunk; anything else adds nothing to a finished answer.
      return List.of();
    }
    boolean usageHere = readUsage(root);
    CompleteStreamResponse.Builder chunk = null;
    JsonNode choice = firstChoice(root);
    if (choice != null) {
      chunk = delta(root, choice.path("delta"));
      String finish = text(choice, "finish_reason");
      if (finish != null) {
        upstreamFinish = finish;
      }
    }
    if (upstreamFinish != null && usageHere) {
      chunk = finish(chunk, root);
    }
    return chunk == null ? List.of() : List.of(chunk.build());
  }

  /** Returns whether the server's {@code [DONE]} arrived. */
  boolean isDone() {
    return doneSeen;
  }

  private boolean readUsage(JsonNode root) {
    JsonNode node = root.get("usage");
    if (node == null || !node.isObject()) {
      // Groq reports stream usage in its own extension object.
      node = root.path("x_groq").get("usage");
    }
    if (node == null || !node.isObject()) {
      return false;
    }
    usage = OpenAiFields.usage(node);
    return true;
  }

  @Nullable
  private JsonNode firstChoice(JsonNode root) {
    JsonNode choices = root.get("choices");
    if (choices == null || choices.isNull()) {
      return null;
    }
    if (!choices.isArray()) {
      throw errors.protocolError("choices is not an array", null);
    }
    for (JsonNode choice : choices) {
      if (choice.path("index").asInt(0) == 0) {
        return choice;
      }
    }
    return null;
  }

  @Nullable
  private CompleteStreamResponse.Builder delta(JsonNode root, JsonNode delta) {
    if (!delta.isObject()) {
      // An annotation event (Azure): nothing to forward, and its empty id and model must not start the stream.
      return null;
    }
    String content = text(delta, "content");
    String refusal = text(delta, "refusal");
    String text = content == null ? "" : content;
    if (refusal != null && !refusal.isEmpty()) {
      // The refusal is the answer the caller reads, as in a whole completion.
      refused = true;
      text = text + refusal;
    }
    JsonNode calls = delta.path("tool_calls");
    if (text.isEmpty() && (!calls.isArray() || calls.isEmpty()) && started) {
      return null;
    }
    CompleteStreamResponse.Builder chunk = newChunk(root).setTextDelta(text);
    if (calls.isArray()) {
      for (int k = 0; k < calls.size(); k++) {
        ToolCallDelta call = toolCallDelta(calls.get(k), k);
        if (call != null) {
          chunk.addToolCallDeltas(call);
        }
      }
    }
    return chunk;
  }

  @Nullable
  private ToolCallDelta toolCallDelta(JsonNode call, int position) {
    JsonNode indexNode = call.get("index");
    int index = indexNode != null && indexNode.canConvertToInt() ? indexNode.intValue() : position;
    if (index < 0) {
      throw errors.protocolError("a tool call has a negative index", null);
    }
    JsonNode function = call.path("function");
    ToolCallDelta.Builder delta = ToolCallDelta.newBuilder().setIndex(index);
    boolean useful = false;
    if (!announcedCalls.get(index)) {
      // Some servers (TGI) repeat the id on every fragment; the caller gets it on the first only.
      String callId = text(call, "id");
      String name = text(function, "name");
      if (callId != null || name != null) {
        delta.setId(callId == null ? "" : callId).setName(name == null ? "" : name);
        announcedCalls.set(index);
        useful = true;
      }
    }
    JsonNode arguments = function.path("arguments");
    String fragment = arguments.isTextual() ? arguments.textValue()
        : arguments.isContainerNode() ? arguments.toString() : "";
    if (!fragment.isEmpty()) {
      delta.setArgumentsJsonDelta(fragment);
      useful = true;
    }
    return useful ? delta.build() : null;
  }

  private CompleteStreamResponse.Builder finish(@Nullable CompleteStreamResponse.Builder chunk,
      @Nullable JsonNode root) {
    CompleteStreamResponse.Builder last = chunk != null ? chunk : newChunk(root);
    FinishReason reason = refused ? FinishReason.FINISH_REASON_REFUSAL : OpenAiFields.finishReason(upstreamFinish);
    if (upstreamFinish == null && !announcedCalls.isEmpty()) {
      // TGI may end a tool-call stream without a finish chunk; the caller still has calls to run.
      reason = FinishReason.FINISH_REASON_TOOL_CALLS;
    }
    last.setFinishReason(reason).setUpstreamFinishReason(upstreamFinish == null ? "" : upstreamFinish);
    if (usage != null) {
      last.setUsage(usage);
    }
    finalSent = true;
    return last;
  }

  private CompleteStreamResponse.Builder newChunk(@Nullable JsonNode root) {
    CompleteStreamResponse.Builder chunk = CompleteStreamResponse.newBuilder();
    if (!started) {
      String upstreamId = root == null ? null : text(root, "id");
      String model = root == null ? null : text(root, "model");
      id = upstreamId == null || upstreamId.isEmpty() ? fallbackId : upstreamId;
      chunk.setProvider(provider).setModel(model == null || model.isEmpty() ? fallbackModel : model);
      started = true;
    }
    return chunk.setId(id);
  }
}
