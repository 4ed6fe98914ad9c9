package dev.llmgateway.server.providers.gemini;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Names the field of the gateway's request behind a field of Gemini's request, so a rejection Gemini
 * pins on {@code generation_config.temperature} points the caller at {@code temperature}. Gemini spells
 * field paths in snake_case or lowerCamelCase; both are accepted. Pure.
 */
final class GeminiFieldNames {
  /** Gemini field path prefixes (snake_case, compared without case) and the contract field each comes from. */
  private static final List<Map.Entry<String, String>> PREFIXES = List.of(
      Map.entry("generation_config.temperature", "temperature"),
      Map.entry("generation_config.top_p", "top_p"),
      Map.entry("generation_config.max_output_tokens", "max_output_tokens"),
      Map.entry("generation_config.stop_sequences", "stop"),
      Map.entry("generation_config.seed", "seed"),
      Map.entry("generation_config.response_json_schema", "response_format.json_schema"),
      Map.entry("generation_config.response_schema", "response_format.json_schema"),
      Map.entry("generation_config.response_mime_type", "response_format.type"),
      Map.entry("tool_config", "tool_choice"),
      Map.entry("tools", "tools"));

  private GeminiFieldNames() {}

  /**
   * Returns the contract field for a Gemini field path; {@code messages} when the path is absent, names
   * the conversation ({@code contents}, {@code system_instruction}) or is not one the gateway writes.
   */
  static String toContract(@Nullable String geminiField) {
    if (geminiField == null) {
      return "messages";
    }
    String snake = geminiField.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> prefix : PREFIXES) {
      if (snake.startsWith(prefix.getKey())) {
        return prefix.getValue();
      }
    }
    return "messages";
  }
}
