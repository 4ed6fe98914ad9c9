package dev.llmgateway.server.providers.demo;

import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.ResponseFormat;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.Tool;
import dev.llmgateway.v1.ToolCall;
import dev.llmgateway.v1.ToolChoice;
import dev.llmgateway.v1.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Computes the demo's deterministic answer. It echoes the last user message, calls a tool when the
 * tool choice demands one (or the user names a tool), answers JSON when asked for JSON, honours stop
 * sequences and max output tokens (one word counts as one token), and estimates usage at one token
 * per four characters of text. Pure and thread-safe.
 */
final class DemoResponder {
  static final String LABEL = "[demo provider: offline, not a real model] ";

  DemoAnswer answer(CompleteRequest request) {
    long inputTokens = estimateTokens(request);
    List<ToolCall> toolCalls = toolCalls(request);
    if (!toolCalls.isEmpty()) {
      long outputTokens = 0;
      for (ToolCall call : toolCalls) {
        outputTokens += tokensOf(call.getName()) + tokensOf(call.getArgumentsJson());
      }
      return new DemoAnswer(List.of(), toolCalls, FinishReason.FINISH_REASON_TOOL_CALLS, "tool_calls",
          usage(inputTokens, outputTokens));
    }
    String text = text(request);
    String finish = "stop";
    for (String stop : request.getStopList()) {
      int at = text.indexOf(stop);
      if (!stop.isEmpty() && at >= 0) {
        text = text.substring(0, at);
      }
    }
    List<String> pieces = words(text);
    if (request.hasMaxOutputTokens() && pieces.size() > request.getMaxOutputTokens()) {
      pieces = pieces.subList(0, request.getMaxOutputTokens());
      finish = "length";
    }
    long outputTokens = tokensOf(String.join("", pieces));
    return new DemoAnswer(List.copyOf(pieces), List.of(),
        finish.equals("length") ? FinishReason.FINISH_REASON_LENGTH : FinishReason.FINISH_REASON_STOP, finish,
        usage(inputTokens, outputTokens));
  }

  private static String text(CompleteRequest request) {
    Message last = request.getMessages(request.getMessagesCount() - 1);
    if (last.getRole() == Role.ROLE_TOOL) {
      return LABEL + "Tool call " + last.getToolCallId() + " returned: " + textOf(last);
    }
    String said = lastUserText(request);
    ResponseFormat.Type format = request.getResponseFormat().getType();
    if (format == ResponseFormat.Type.TYPE_JSON_OBJECT || format == ResponseFormat.Type.TYPE_JSON_SCHEMA) {
      return "{\"demo\": true, \"note\": \"offline demo provider, not a real model\", \"echo\": "
          + jsonString(said) + "}";
    }
    return LABEL + "You said: " + said;
  }

  private static List<ToolCall> toolCalls(CompleteRequest request) {
    if (request.getToolsCount() == 0) {
      return List.of();
    }
    Message last = request.getMessages(request.getMessagesCount() - 1);
    if (last.getRole() == Role.ROLE_TOOL) {
      return List.of();
    }
    ToolChoice choice = request.getToolChoice();
    Tool tool = null;
    switch (choice.getMode()) {
      case MODE_NONE -> {
        return List.of();
      }
      case MODE_TOOL -> tool = named(request, choice.getToolName());
      case MODE_REQUIRED -> tool = request.getTools(0);
      default -> {
        String said = lastUserText(request).toLowerCase(Locale.ROOT);
        for (Tool t : request.getToolsList()) {
          if (said.contains(t.getName().toLowerCase(Locale.ROOT))) {
            tool = t;
            break;
          }
        }
      }
    }
    if (tool == null) {
      return List.of();
    }
    return List.of(ToolCall.newBuilder()
        .setId("call_demo_0")
        .setName(tool.getName())
        .setArgumentsJson(placeholderArguments(tool.getParameters()))
        .build());
  }

  private static Tool named(CompleteRequest request, String name) {
    for (Tool t : request.getToolsList()) {
      if (t.getName().equals(name)) {
        return t;
      }
    }
    return request.getTools(0);
  }

  /** Fills each required parameter with a placeholder of its declared type. */
  private static String placeholderArguments(Struct schema) {
    Value required = schema.getFieldsOrDefault("required", Value.getDefaultInstance());
    Struct properties = schema.getFieldsOrDefault("properties", Value.getDefaultInstance()).getStructValue();
    StringBuilder json = new StringBuilder("{");
    for (Value name : required.getListValue().getValuesList()) {
      String key = name.getStringValue();
      String type = properties.getFieldsOrDefault(key, Value.getDefaultInstance()).getStructValue()
          .getFieldsOrDefault("type", Value.getDefaultInstance()).getStringValue();
      if (json.length() > 1) {
        json.append(", ");
      }
      json.append(jsonString(key)).append(": ").append(switch (type) {
        case "integer", "number" -> "0";
        case "boolean" -> "false";
        case "array" -> "[]";
        case "object" -> "{}";
        default -> "\"demo\"";
      });
    }
    return json.append('}').toString();
  }

  private static String lastUserText(CompleteRequest request) {
    for (int i = request.getMessagesCount() - 1; i >= 0; i--) {
      Message m = request.getMessages(i);
      if (m.getRole() == Role.ROLE_USER) {
        return textOf(m);
      }
    }
    return "";
  }

  private static String textOf(Message message) {
    StringBuilder out = new StringBuilder();
    for (ContentPart part : message.getContentList()) {
      if (part.hasText()) {
        out.append(part.getText());
      } else if (part.hasImage()) {
        out.append("[image]");
      }
    }
    return out.toString();
  }

  /** Splits into words, each keeping its trailing white space, so the pieces join back exactly. */
  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      out.add(text.substring(start, i));
      start = i;
    }
    return out;
  }

  private static long estimateTokens(CompleteRequest request) {
    long tokens = 0;
    for (Message m : request.getMessagesList()) {
      // A few tokens of framing per message, as chat formats add role markers.
      tokens += 4 + tokensOf(textOf(m));
      for (ToolCall call : m.getToolCallsList()) {
        tokens += tokensOf(call.getName()) + tokensOf(call.getArgumentsJson());
      }
    }
    for (Tool t : request.getToolsList()) {
      tokens += tokensOf(t.getName()) + tokensOf(t.getDescription()) + 8L * t.getParameters().getFieldsCount();
    }
    return tokens;
  }

  static long tokensOf(String text) {
    return (text.length() + 3) / 4;
  }

  private static Usage usage(long input, long output) {
    return Usage.newBuilder().setInputTokens(input).setOutputTokens(output).setTotalTokens(input + output).build();
  }

  private static String jsonString(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

}
