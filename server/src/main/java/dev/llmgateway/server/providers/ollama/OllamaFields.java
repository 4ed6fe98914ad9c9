package dev.llmgateway.server.providers.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.ToolCall;
import dev.llmgateway.v1.Usage;
import javax.annotation.Nullable;

/** Maps what whole answers and stream lines share: done reasons, usage and tool calls. */
final class OllamaFields {
  private OllamaFields() {}

  /**
   * Maps a {@code done_reason}. Ollama has no reason of its own for tool calls (it stays {@code stop}),
   * so an answer that made calls and stopped is reported as stopping for them. {@code load} and
   * {@code unload} answer requests that only load or unload a model; with a message they do not occur,
   * and map to OTHER like anything unknown.
   */
  static FinishReason finishReason(@Nullable String doneReason, boolean madeToolCalls) {
    if (madeToolCalls && (doneReason == null || doneReason.isEmpty() || doneReason.equals("stop"))) {
      return FinishReason.FINISH_REASON_TOOL_CALLS;
    }
    if (doneReason == null || doneReason.isEmpty()) {
      return FinishReason.FINISH_REASON_UNSPECIFIED;
    }
    return switch (doneReason) {
      case "stop" -> FinishReason.FINISH_REASON_STOP;
      case "length" -> FinishReason.FINISH_REASON_LENGTH;
      default -> FinishReason.FINISH_REASON_OTHER;
    };
  }

  /**
   * Maps the final object's metrics: {@code prompt_eval_count} is the input, {@code eval_count} the
   * output. Both are left out when zero, hence read as 0 when absent. When Ollama reuses a cached prompt
   * prefix it counts only the part it evaluated, and it does not say how much it reused.
   */
  static Usage usage(JsonNode root) {
    long input = root.path("prompt_eval_count").asLong(0);
    long output = root.path("eval_count").asLong(0);
    return Usage.newBuilder().setInputTokens(input).setOutputTokens(output).setTotalTokens(input + output).build();
  }

  /**
   * Maps one {@code tool_calls} item; its {@code arguments} are a JSON object and become the text of
   * that object. Servers before tool call ids give none; those calls get {@code call_<position>} so a tool
   * result can still name its call. Returns null when the item has no function name.
   */
  @Nullable
  static ToolCall toolCall(JsonNode call, int position) {
    JsonNode function = call.path("function");
    String name = text(function, "name");
    if (name == null || name.isEmpty()) {
      return null;
    }
    JsonNode arguments = function.path("arguments");
    String id = text(call, "id");
    return ToolCall.newBuilder()
        .setId(id == null || id.isEmpty() ? "call_" + position : id)
        .setName(name)
        .setArgumentsJson(arguments.isObject() ? arguments.toString()
            : arguments.isTextual() ? arguments.textValue() : "{}")
        .build();
  }

  /** Returns a field's text, or null when it is absent, null or not a string. */
  @Nullable
  static String text(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    return node != null && node.isTextual() ? node.textValue() : null;
  }
}
