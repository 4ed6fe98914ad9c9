package dev.llmgateway.server.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Holds what the first candidate of a {@code GenerateContentResponse} (a whole answer or one stream event)
 * holds for the caller: its answer text, its function calls and its finish reason. The gateway asks for
 * one candidate, so others are never read. Thought-summary parts and parts the contract has no room for
 * (executable code, inline output media) are left out.
 *
 * @param text the text parts joined, in order
 * @param calls the function calls, in order
 * @param finishReason Gemini's {@code finishReason}, or null while the model is still generating
 */
record GeminiCandidate(String text, List<Call> calls, @Nullable String finishReason) {
  GeminiCandidate {
    calls = List.copyOf(calls);
  }

  /**
   * Holds one function call.
   *
   * @param id the call id Gemini issued, usually none
   * @param argumentsJson the arguments object as JSON text
   * @param signature the thought signature that came with the call, to be sent back with it
   */
  record Call(@Nullable String id, String name, String argumentsJson, @Nullable String signature) {}

  /** Reads the first candidate of {@code response}; throws PROVIDER_PROTOCOL_ERROR for a malformed one. */
  static GeminiCandidate first(JsonNode response, GeminiErrors errors) {
    JsonNode candidates = response.get("candidates");
    if (candidates == null || candidates.isNull()) {
      return new GeminiCandidate("", List.of(), null);
    }
    if (!candidates.isArray()) {
      throw errors.protocolError("sent candidates that are not a list", null);
    }
    if (candidates.isEmpty()) {
      return new GeminiCandidate("", List.of(), null);
    }
    JsonNode candidate = candidates.get(0);
    StringBuilder text = new StringBuilder();
    List<Call> calls = new ArrayList<>();
    JsonNode parts = candidate.path("content").path("parts");
    for (JsonNode part : parts) {
      JsonNode call = part.get("functionCall");
      if (call != null && call.isObject()) {
        calls.add(call(call, GeminiErrors.text(part, "thoughtSignature"), errors));
      } else if (part.path("text").isTextual() && !part.path("thought").asBoolean(false)) {
        text.append(part.get("text").asText());
      }
    }
    return new GeminiCandidate(text.toString(), calls, GeminiErrors.text(candidate, "finishReason"));
  }

  private static Call call(JsonNode call, @Nullable String signature, GeminiErrors errors) {
    String name = GeminiErrors.text(call, "name");
    if (name == null || name.isEmpty()) {
      throw errors.protocolError("sent a function call without a name", null);
    }
    JsonNode args = call.get("args");
    String arguments;
    if (args == null || args.isNull()) {
      arguments = "{}";
    } else if (args.isObject()) {
      arguments = args.toString();
    } else {
      throw errors.protocolError("sent function call arguments that are not an object", null);
    }
    return new Call(GeminiErrors.text(call, "id"), name, arguments, signature);
  }
}
