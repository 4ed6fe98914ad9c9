package dev.llmgateway.server.providers.ollama;

import static dev.llmgateway.server.providers.ollama.OllamaFields.text;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.ToolCall;
import dev.llmgateway.v1.ToolCallDelta;
import java.io.IOException;
import javax.annotation.Nullable;

/**
 * Turns the lines of one {@code /api/chat} NDJSON stream into contract chunks, one line at a time, so
 * each chunk can be forwarded the moment its line is parsed. Every line is a chat response object:
 * {@code message.content} is a text delta, {@code message.tool_calls} holds whole calls (Ollama does not
 * split arguments), {@code message.thinking} is the model's hidden reasoning and yields nothing. The line
 * with {@code "done": true} adds finish reason and usage and ends the stream; an {@code {"error": ...}}
 * line fails it classified. Ollama gives no completion id, so chunks carry the gateway's request id.
 *
 * <p>Stateful and not thread-safe: one instance per stream, fed from one thread.
 */
final class OllamaStreamTranslator {
  private final String provider;
  private final String id;
  private final String fallbackModel;
  private final OllamaErrors errors;
  private int toolCalls;
  private boolean started;
  private boolean finished;

  /**
   * Creates the translator for one stream.
   *
   * @param id the chunk id: the gateway's request id
   * @param fallbackModel the model to report when the first line names none: the one that was asked for
   */
  OllamaStreamTranslator(String provider, String id, String fallbackModel, OllamaErrors errors) {
    this.provider = requireNonNull(provider, "provider");
    this.id = requireNonNull(id, "id");
    this.fallbackModel = requireNonNull(fallbackModel, "fallbackModel");
    this.errors = requireNonNull(errors, "errors");
  }

  /** Returns whether the {@code "done": true} line arrived and its last chunk was made. */
  boolean finished() {
    return finished;
  }

  /**
   * Translates one line (without its newline). Returns the chunk to forward, or null when the line
   * carries nothing for the caller. Throws PROVIDER_PROTOCOL_ERROR for a line that is not a chat
   * response object, and the classified failure for an error line.
   */
  @Nullable
  CompleteStreamResponse onLine(String line) {
    if (finished) {
      return null;
    }
    JsonNode root;
    try {
      root = Json.parse(line);
    } catch (IOException e) {
      throw errors.protocolError("a stream line is not valid JSON", e);
    }
    if (root == null || !root.isObject()) {
      throw errors.protocolError("a stream line is not a JSON object", null);
    }
    if (root.hasNonNull("error")) {
      throw errors.fromStreamError(text(root, "error"));
    }
    JsonNode done = root.get("done");
    if (done == null || !done.isBoolean()) {
      throw errors.protocolError("a stream line has no done flag", null);
    }
    JsonNode message = root.path("message");
    CompleteStreamResponse.Builder chunk = CompleteStreamResponse.newBuilder().setId(id);
    boolean useful = false;
    if (!started) {
      String model = text(root, "model");
      chunk.setProvider(provider).setModel(model == null || model.isEmpty() ? fallbackModel : model);
      started = true;
      useful = true;
    }
    String content = text(message, "content");
    if (content != null && !content.isEmpty()) {
      chunk.setTextDelta(content);
      useful = true;
    }
    JsonNode calls = message.path("tool_calls");
    if (calls.isArray()) {
      for (JsonNode call : calls) {
        ToolCall mapped = OllamaFields.toolCall(call, toolCalls);
        if (mapped == null) {
          throw errors.protocolError("a tool call has no function name", null);
        }
        chunk.addToolCallDeltas(ToolCallDelta.newBuilder()
            .setIndex(toolCalls++)
            .setId(mapped.getId())
            .setName(mapped.getName())
            .setArgumentsJsonDelta(mapped.getArgumentsJson()));
        useful = true;
      }
    } else if (!calls.isMissingNode() && !calls.isNull()) {
      throw errors.protocolError("tool_calls is not an array", null);
    }
    if (done.booleanValue()) {
      String doneReason = text(root, "done_reason");
      chunk.setFinishReason(OllamaFields.finishReason(doneReason, toolCalls > 0))
          .setUpstreamFinishReason(doneReason == null ? "" : doneReason)
          .setUsage(OllamaFields.usage(root));
      finished = true;
      useful = true;
    }
    return useful ? chunk.build() : null;
  }
}
