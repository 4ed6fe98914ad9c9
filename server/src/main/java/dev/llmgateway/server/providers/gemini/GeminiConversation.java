package dev.llmgateway.server.providers.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.ToolCall;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds what writing a conversation for Gemini needs to know in advance, worked out before a byte is written so
 * bad input fails as INVALID_REQUEST naming the field: each assistant tool call's arguments, parsed into
 * the JSON object Gemini takes, and the function name each tool message answers. Gemini keys function
 * responses by name, so a tool message is matched to the latest earlier assistant tool call with its
 * {@code tool_call_id}. Immutable.
 */
final class GeminiConversation {
  private final Map<String, JsonNode> arguments;
  private final Map<Integer, String> toolNames;

  private GeminiConversation(Map<String, JsonNode> arguments, Map<Integer, String> toolNames) {
    this.arguments = arguments;
    this.toolNames = toolNames;
  }

  /** Checks {@code messages} and resolves what the writer needs; throws INVALID_REQUEST naming the field. */
  static GeminiConversation of(List<Message> messages) {
    Map<String, JsonNode> arguments = new HashMap<>();
    Map<Integer, String> toolNames = new HashMap<>();
    // The name of each call id, as of the message being read: a later call reusing an id replaces it.
    Map<String, String> callNames = new HashMap<>();
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      String path = "messages[" + i + "]";
      if (m.getToolCallsCount() > 0 && m.getRole() != Role.ROLE_ASSISTANT) {
        throw GatewayException.invalidField(path + ".tool_calls", "only assistant messages carry tool calls");
      }
      for (int j = 0; j < m.getToolCallsCount(); j++) {
        ToolCall call = m.getToolCalls(j);
        arguments.put(i + "/" + j, parseArguments(call, path + ".tool_calls[" + j + "].arguments_json"));
        callNames.put(call.getId(), call.getName());
      }
      if (m.getRole() == Role.ROLE_TOOL) {
        toolNames.put(i, toolName(m, callNames, path));
      }
    }
    return new GeminiConversation(Map.copyOf(arguments), Map.copyOf(toolNames));
  }

  /** Returns the parsed arguments of tool call {@code call} of message {@code message}. */
  JsonNode arguments(int message, int call) {
    return arguments.get(message + "/" + call);
  }

  /** Returns the function name the tool message at {@code message} answers. */
  String toolName(int message) {
    return toolNames.get(message);
  }

  private static String toolName(Message m, Map<String, String> callNames, String path) {
    if (m.getToolCallId().isEmpty()) {
      throw GatewayException.invalidField(path + ".tool_call_id", "is required for a tool message");
    }
    String name = callNames.get(m.getToolCallId());
    if (name != null && !name.isEmpty()) {
      return name;
    }
    if (!m.getName().isEmpty()) {
      // A result whose call is not in the history (trimmed away) can still name its function.
      return m.getName();
    }
    throw GatewayException.invalidField(path + ".tool_call_id",
        "matches no tool call of an earlier assistant message, and the message names no function");
  }

  private static JsonNode parseArguments(ToolCall call, String field) {
    String text = call.getArgumentsJson();
    if (text.isBlank()) {
      // A call to a tool without parameters may come back with no arguments text at all.
      return JsonNodeFactory.instance.objectNode();
    }
    JsonNode node = GeminiPartWriter.parseJson(text);
    if (node == null) {
      throw GatewayException.invalidField(field, "is not valid JSON");
    }
    if (!node.isObject()) {
      throw GatewayException.invalidField(field, "must be a JSON object");
    }
    return node;
  }
}
