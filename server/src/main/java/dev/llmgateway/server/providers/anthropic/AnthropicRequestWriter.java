package dev.llmgateway.server.providers.anthropic;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.server.providers.http.StructJson;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.CountTokensRequest;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.ResponseFormat;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.Tool;
import dev.llmgateway.v1.ToolCall;
import dev.llmgateway.v1.ToolChoice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.RequestBody;

/**
 * Writes a {@code POST /messages} body from a {@link CompleteRequest}, and a
 * {@code POST /messages/count_tokens} body from a {@link CountTokensRequest}, straight into a JSON
 * generator. Both share one conversation writer, so a count sees exactly the input a completion would
 * send. System messages become the top-level {@code system} prompt; tool results become
 * {@code tool_result} blocks of a user turn, consecutive ones sharing that turn; {@code seed} and
 * {@code metadata} have no Anthropic counterpart and are not sent. Everything the request cannot express
 * fails with INVALID_REQUEST before a byte is written. Pure and thread-safe.
 */
final class AnthropicRequestWriter {
  /** Caps the temperature: Anthropic's range ends at 1, where the contract's ends at 2. */
  private static final double MAX_TEMPERATURE = 1.0;

  private final String provider;
  private final int defaultMaxTokens;
  private final AnthropicContentWriter content;

  AnthropicRequestWriter(String provider, int defaultMaxTokens) {
    this.provider = requireNonNull(provider, "provider");
    this.defaultMaxTokens = defaultMaxTokens;
    this.content = new AnthropicContentWriter();
  }

  /** Returns the {@code POST /messages} body for {@code request} sent to {@code model}, streamed or not. */
  RequestBody write(CompleteRequest request, String model, boolean stream) {
    check(request);
    Conversation conversation = Conversation.of(request.getMessagesList(), request.getToolsList());
    return Json.body(out -> {
      out.writeStartObject();
      out.writeStringField("model", model);
      out.writeNumberField("max_tokens",
          request.hasMaxOutputTokens() ? request.getMaxOutputTokens() : defaultMaxTokens);
      if (stream) {
        out.writeBooleanField("stream", true);
      }
      writeConversation(out, conversation);
      if (request.getToolsCount() > 0) {
        writeToolChoice(out, request.getToolChoice());
      }
      writeSampling(out, request);
      if (request.getResponseFormat().getType() == ResponseFormat.Type.TYPE_JSON_SCHEMA) {
        out.writeObjectFieldStart("output_config");
        out.writeObjectFieldStart("format");
        out.writeStringField("type", "json_schema");
        out.writeFieldName("schema");
        StructJson.write(out, request.getResponseFormat().getJsonSchema());
        out.writeEndObject();
        out.writeEndObject();
      }
      out.writeEndObject();
    });
  }

  /**
   * Returns the {@code POST /messages/count_tokens} body for {@code request} counted for {@code model}:
   * the input part of a {@code /messages} body (system prompt, messages, tools), without
   * {@code max_tokens}, {@code stream} or sampling fields, which the count endpoint does not take.
   */
  RequestBody writeCount(CountTokensRequest request, String model) {
    Conversation conversation = Conversation.of(request.getMessagesList(), request.getToolsList());
    return Json.body(out -> {
      out.writeStartObject();
      out.writeStringField("model", model);
      writeConversation(out, conversation);
      out.writeEndObject();
    });
  }

  private void check(CompleteRequest request) {
    if (request.getResponseFormat().getType() == ResponseFormat.Type.TYPE_JSON_OBJECT) {
      // Anthropic constrains output only to a given schema (output_config.format), and its schemas must
      // close every object (additionalProperties false), so "any JSON object" has no honest equivalent.
      throw GatewayException.invalidField("response_format.type", "provider '" + provider
          + "' supports JSON output only with a schema: use TYPE_JSON_SCHEMA");
    }
    if (request.hasTemperature() && request.getTemperature() > MAX_TEMPERATURE) {
      throw GatewayException.invalidField("temperature",
          "provider '" + provider + "' accepts a temperature from 0 to 1");
    }
  }

  /** Writes the fields both bodies share: {@code system}, {@code messages} and {@code tools}. */
  private void writeConversation(JsonGenerator out, Conversation conversation) throws IOException {
    if (!conversation.system().isEmpty()) {
      out.writeStringField("system", conversation.system());
    }
    out.writeFieldName("messages");
    writeMessages(out, conversation.messages(), conversation.arguments());
    if (!conversation.tools().isEmpty()) {
      writeTools(out, conversation.tools());
    }
  }

  /** Joins the text of every system message, in order, separated by blank lines. */
  private static String systemPrompt(List<Message> messages) {
    StringBuilder system = new StringBuilder();
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      if (m.getRole() != Role.ROLE_SYSTEM) {
        continue;
      }
      StringBuilder text = new StringBuilder();
      for (int j = 0; j < m.getContentCount(); j++) {
        ContentPart part = m.getContent(j);
        if (!part.hasText()) {
          throw GatewayException.invalidField("messages[" + i + "].content[" + j + "]",
              "a system message may hold text only");
        }
        text.append(part.getText());
      }
      if (text.length() > 0) {
        system.append(system.length() > 0 ? "\n\n" : "").append(text);
      }
    }
    return system.toString();
  }

  /** Parses every assistant tool call's arguments, in message order, so bad JSON fails up front. */
  private static List<JsonNode> toolArguments(List<Message> messages) {
    List<JsonNode> parsed = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      if (m.getToolCallsCount() > 0 && m.getRole() != Role.ROLE_ASSISTANT) {
        throw GatewayException.invalidField("messages[" + i + "].tool_calls",
            "only assistant messages carry tool calls");
      }
      for (int j = 0; j < m.getToolCallsCount(); j++) {
        parsed.add(arguments(m.getToolCalls(j), "messages[" + i + "].tool_calls[" + j + "].arguments_json"));
      }
    }
    return parsed;
  }

  private static JsonNode arguments(ToolCall call, String field) {
    String text = call.getArgumentsJson();
    if (text.isBlank()) {
      // A call to a tool without parameters may come back with no arguments text at all.
      return JsonNodeFactory.instance.objectNode();
    }
    JsonNode node;
    try {
      node = Json.parse(text);
    } catch (IOException e) {
      throw GatewayException.invalidField(field, "is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw GatewayException.invalidField(field, "must be a JSON object");
    }
    return node;
  }

  private void writeMessages(JsonGenerator out, List<Message> messages, List<JsonNode> arguments)
      throws IOException {
    out.writeStartArray();
    int nextArguments = 0;
    boolean toolTurnOpen = false;
    for (int i = 0; i < messages.size(); i++) {
      Message m = messages.get(i);
      String path = "messages[" + i + "]";
      if (m.getRole() == Role.ROLE_SYSTEM) {
        continue;
      }
      if (m.getRole() == Role.ROLE_TOOL) {
        if (!toolTurnOpen) {
          startTurn(out, "user");
          toolTurnOpen = true;
        }
        content.writeToolResult(out, m, path);
        continue;
      }
      if (toolTurnOpen) {
        endTurn(out);
        toolTurnOpen = false;
      }
      switch (m.getRole()) {
        case ROLE_USER -> {
          startTurn(out, "user");
          content.writeParts(out, m, path);
          endTurn(out);
        }
        case ROLE_ASSISTANT -> {
          startTurn(out, "assistant");
          content.writeParts(out, m, path);
          for (ToolCall call : m.getToolCallsList()) {
            content.writeToolUse(out, call, arguments.get(nextArguments++));
          }
          endTurn(out);
        }
        default -> throw GatewayException.invalidField(path + ".role", "must be set");
      }
    }
    if (toolTurnOpen) {
      endTurn(out);
    }
    out.writeEndArray();
  }

  private static void startTurn(JsonGenerator out, String role) throws IOException {
    out.writeStartObject();
    out.writeStringField("role", role);
    out.writeArrayFieldStart("content");
  }

  private static void endTurn(JsonGenerator out) throws IOException {
    out.writeEndArray();
    out.writeEndObject();
  }

  private static void writeTools(JsonGenerator out, List<Tool> tools) throws IOException {
    out.writeArrayFieldStart("tools");
    for (Tool tool : tools) {
      out.writeStartObject();
      out.writeStringField("name", tool.getName());
      if (!tool.getDescription().isEmpty()) {
        out.writeStringField("description", tool.getDescription());
      }
      out.writeFieldName("input_schema");
      if (tool.hasParameters()) {
        StructJson.write(out, tool.getParameters());
      } else {
        // Anthropic requires a schema; an empty object schema means "no parameters".
        out.writeStartObject();
        out.writeStringField("type", "object");
        out.writeEndObject();
      }
      if (tool.getStrict()) {
        out.writeBooleanField("strict", true);
      }
      out.writeEndObject();
    }
    out.writeEndArray();
  }

  private static void writeToolChoice(JsonGenerator out, ToolChoice toolChoice) throws IOException {
    String choice = switch (toolChoice.getMode()) {
      case MODE_AUTO -> "auto";
      case MODE_NONE -> "none";
      case MODE_REQUIRED -> "any";
      case MODE_TOOL -> "tool";
      case MODE_UNSPECIFIED, UNRECOGNIZED -> null;
    };
    if (choice != null) {
      out.writeObjectFieldStart("tool_choice");
      out.writeStringField("type", choice);
      if (choice.equals("tool")) {
        out.writeStringField("name", toolChoice.getToolName());
      }
      out.writeEndObject();
    }
  }

  private static void writeSampling(JsonGenerator out, CompleteRequest request) throws IOException {
    if (request.hasTemperature()) {
      out.writeNumberField("temperature", request.getTemperature());
    }
    if (request.hasTopP()) {
      out.writeNumberField("top_p", request.getTopP());
    }
    if (request.getStopCount() > 0) {
      out.writeArrayFieldStart("stop_sequences");
      for (String stop : request.getStopList()) {
        out.writeString(stop);
      }
      out.writeEndArray();
    }
    if (!request.getUser().isEmpty()) {
      out.writeObjectFieldStart("metadata");
      out.writeStringField("user_id", request.getUser());
      out.writeEndObject();
    }
  }

  /**
   * Holds a conversation checked and prepared for writing: the joined system prompt and every tool
   * call's parsed arguments, computed before the body is written so bad input fails up front.
   */
  private record Conversation(List<Message> messages, List<Tool> tools, String system, List<JsonNode> arguments) {
    static Conversation of(List<Message> messages, List<Tool> tools) {
      return new Conversation(messages, tools, systemPrompt(messages), toolArguments(messages));
    }
  }
}
