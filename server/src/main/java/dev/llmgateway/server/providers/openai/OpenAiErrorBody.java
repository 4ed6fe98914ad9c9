package dev.llmgateway.server.providers.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.providers.http.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Holds the fields of an error body in the shapes OpenAI-compatible servers use: OpenAI's nested
 * {@code {"error": {"message", "type", "param", "code"}}} (Azure adds {@code innererror} with the
 * content filter's verdict), the same fields at the top level (Mistral, older vLLM), and a bare string
 * {@code {"error": "...", "error_type": "..."}} (Ollama, Hugging Face TGI and TEI). Absent or non-text
 * fields are null.
 *
 * @param errorType the server-side failure class of TGI and TEI ({@code error_type}, or for a TGI
 *     stream error event the class its message starts with), lower case
 * @param status the HTTP status stated inside the body, or 0
 * @param filtered the content-filter categories that blocked the request, in body order
 * @param estimatedTime how long a model that is still loading needs, where the server says
 */
record OpenAiErrorBody(
    @Nullable String message,
    @Nullable String type,
    @Nullable String param,
    @Nullable String code,
    @Nullable String innerCode,
    @Nullable String errorType,
    int status,
    List<String> filtered,
    @Nullable Duration estimatedTime) {

  static final OpenAiErrorBody EMPTY = new OpenAiErrorBody(null, null, null, null, null, null, 0, List.of(), null);

  /** The message prefixes of TGI's error classes, which its stream error events carry instead of a type. */
  private static final Map<String, String> TGI_PREFIXES = Map.of(
      "Input validation error", "validation",
      "Request failed during generation", "generation",
      "Model is overloaded", "overloaded",
      "Incomplete generation", "incomplete_generation",
      "Template error", "template_error",
      "Tool error", "tool_error");

  OpenAiErrorBody {
    filtered = List.copyOf(filtered);
  }

  /** Parses an error body; anything that is not JSON yields {@link #EMPTY}. */
  static OpenAiErrorBody parse(byte[] body) {
    if (body.length == 0) {
      return EMPTY;
    }
    try {
      return of(Json.parse(body));
    } catch (IOException e) {
      // Not JSON (an HTML page from a proxy, a cut body): the status alone classifies it.
      return EMPTY;
    }
  }

  /** Reads the fields of a parsed error body or stream error event. */
  static OpenAiErrorBody of(JsonNode root) {
    JsonNode error = root.path("error");
    Duration estimated = estimatedTime(root.get("estimated_time"));
    if (error.isTextual()) {
      String errorType = text(root.get("error_type"));
      return new OpenAiErrorBody(error.asText(), errorType, null, null, null,
          errorType == null ? null : errorType.toLowerCase(Locale.ROOT), 0, List.of(), estimated);
    }
    JsonNode fields = error.isObject() ? error : root;
    JsonNode statusNode = fields.has("http_status_code") ? fields.get("http_status_code") : fields.get("status");
    int status = statusNode != null && statusNode.canConvertToInt() ? statusNode.asInt() : 0;
    String message = text(fields.get("message"));
    JsonNode inner = fields.path("innererror");
    // Azure documents content_filter_results but its servers send content_filter_result.
    JsonNode verdict = inner.has("content_filter_result") ? inner.get("content_filter_result")
        : inner.has("content_filter_results") ? inner.get("content_filter_results") : fields.path("content_filter_results");
    return new OpenAiErrorBody(message, text(fields.get("type")), text(fields.get("param")), text(fields.get("code")),
        text(inner.get("code")), fields.has("http_status_code") ? tgiClass(message) : null, status,
        filteredCategories(verdict), estimated);
  }

  /** Returns whether the error code is {@code value}. */
  boolean is(String value) {
    return value.equals(code);
  }

  /** Returns the most specific name of the failure for a message: code, type, or server error class. */
  @Nullable
  String label() {
    return code != null ? code : type != null ? type : errorType;
  }

  @Nullable
  private static String tgiClass(@Nullable String message) {
    if (message == null) {
      return null;
    }
    for (Map.Entry<String, String> prefix : TGI_PREFIXES.entrySet()) {
      if (message.startsWith(prefix.getKey())) {
        return prefix.getValue();
      }
    }
    return null;
  }

  /**
   * Returns the categories whose verdict is {@code filtered: true}. Severity categories and optional
   * models ({@code jailbreak}, {@code protected_material_*}) are objects; {@code custom_blocklists} is a
   * list whose entries name the operator's blocklists, which stay out of caller-facing text.
   */
  private static List<String> filteredCategories(JsonNode verdict) {
    List<String> filtered = new ArrayList<>();
    for (Map.Entry<String, JsonNode> category : verdict.properties()) {
      JsonNode value = category.getValue();
      boolean hit = value.path("filtered").asBoolean(false);
      if (value.isArray()) {
        for (JsonNode entry : value) {
          hit |= entry.path("filtered").asBoolean(false);
        }
      }
      if (hit) {
        filtered.add(category.getKey());
      }
    }
    return filtered;
  }

  @Nullable
  private static Duration estimatedTime(@Nullable JsonNode seconds) {
    if (seconds == null || !seconds.isNumber() || seconds.asDouble() < 0) {
      return null;
    }
    return Duration.ofMillis((long) Math.ceil(seconds.asDouble() * 1000));
  }

  @Nullable
  private static String text(@Nullable JsonNode node) {
    // Codes are strings at OpenAI but numbers at some compatible servers ("code": 404).
    return node != null && (node.isTextual() || node.isNumber()) ? node.asText() : null;
  }
}
