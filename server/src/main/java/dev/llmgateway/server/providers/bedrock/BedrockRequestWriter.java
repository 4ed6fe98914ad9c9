package dev.llmgateway.server.providers.bedrock;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.server.providers.http.StructJson;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.ResponseFormat;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.Tool;
import dev.llmgateway.v1.ToolCall;
import dev.llmgateway.v1.ToolChoice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;
import okhttp3.RequestBody;

/**
 * Writes a Converse / ConverseStream body ({@code system}, {@code messages}, {@code toolConfig},
 * {@code inferenceConfig}, {@code outputConfig}) from a {@link CompleteRequest}, straight into a JSON
 * generator. The model goes in the URL, not the body. System messages become {@code system} text blocks;
 * consecutive messages that map to the same Converse role (tool results and a following user message,
 * say) share one turn, because Converse wants user and assistant turns to alternate. {@code seed},
 * {@code user} and {@code metadata} have no Converse counterpart and are not sent. Everything the request
 * cannot express fails with INVALID_REQUEST before a byte is written. Pure and thread-safe.
 */
final class BedrockRequestWriter {
  private final String provider;
  private final BedrockContentWriter content = new BedrockContentWriter();

  BedrockRequestWriter(String provider) {
    this.provider = requireNonNull(provider, "provider");
  }

  /** Returns the JSON body for {@code request}. */
  RequestBody write(CompleteRequest request) {
    List<JsonNode> arguments = toolArguments(request);
    boolean sendTools = sendsTools(request);
    String schema = outputSchema(request);
    return Json.body(out -> {
      out.writeStartObject();
      writeSystem(out, request);
      out.writeFieldName("messages");
      writeMessages(out, request, arguments);
      if (sendTools) {
        writeToolConfig(out, request);
      }
      writeInferenceConfig(out, request);
      if (schema != null) {
        out.writeObjectFieldStart("outputConfig");
        out.writeObjectFieldStart("textFormat");
        out.writeStringField("type", "json_schema");
        out.writeObjectFieldStart("structure");
        out.writeObjectFieldStart("jsonSchema");
        out.writeStringField("name", request.getResponseFormat().getSchemaName());
        // Converse takes the schema as JSON text, not as a nested object.
        out.writeStringField("schema", schema);
        out.writeEndObject();
        out.writeEndObject();
        out.writeEndObject();
        out.writeEndObject();
      }
      out.writeEndObject();
    });
  }

  @Nullable
  private String outputSchema(CompleteRequest request) {
    ResponseFormat format = request.getResponseFormat();
    return switch (format.getType()) {
      case TYPE_JSON_OBJECT -> throw GatewayException.invalidField("response_format.type", "provider '"
          + provider + "' constrains JSON output only to a given schema: use TYPE_JSON_SCHEMA");
      case TYPE_JSON_SCHEMA -> {
        RequestBody schema = Json.body(out -> StructJson.write(out, format.getJsonSchema()));
        yield BedrockBodies.utf8(schema);
      }
      default -> null;
    };
  }

  /**
   * Returns whether to send {@code toolConfig}. Converse cannot forbid tool calls while offering tools,
   * so MODE_NONE leaves the tools out, which is only possible when no earlier turn used them.
   */
  private static boolean sendsTools(CompleteRequest request) {
    if (request.getToolsCount() == 0) {
      return false;
    }
    if (request.getToolChoice().getMode() != ToolChoice.Mode.MODE_NONE) {
      return true;
    }
    for (Message m : request.getMessagesList()) {
      if (m.getRole() == Role.ROLE_TOOL || m.getToolCallsCount() > 0) {
        throw GatewayException.invalidField("tool_choice.mode", "Bedrock cannot forbid tool calls in a"
            + " conversation that already used tools: use MODE_AUTO, or leave the tools out");
      }
    }
    return false;
  }

  private static void writeSystem(JsonGenerator out, CompleteRequest request) throws IOException {
    boolean open = false;
    for (int i = 0; i < request.getMessagesCount(); i++) {
      Message m = request.getMessages(i);
      if (m.getRole() != Role.ROLE_SYSTEM) {
        continue;
      }
      for (int j = 0; j < m.getContentCount(); j++) {
        ContentPart part = m.getContent(j);
        if (!part.hasText()) {
          throw GatewayException.invalidField("messages[" + i + "].content[" + j + "]",
              "a system message may hold text only");
        }
        if (part.getText().isEmpty()) {
          continue;
        }
        if (!open) {
          out.writeArrayFieldStart("system");
          open = true;
        }
        out.writeStartObject();
        out.writeStringField("text", part.getText());
        out.writeEndObject();
      }
    }
    if (open) {
      out.writeEndArray();
    }
  }

  /** Parses every assistant tool call's arguments, in message order, so bad JSON fails up front. */
  private static List<JsonNode> toolArguments(CompleteRequest request) {
    List<JsonNode> parsed = new ArrayList<>();
    for (int i = 0; i < request.getMessagesCount(); i++) {
      Message m = request.getMessages(i);
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

  private void writeMessages(JsonGenerator out, CompleteRequest request, List<JsonNode> arguments)
      throws IOException {
    out.writeStartArray();
    int nextArguments = 0;
    String openRole = null;
    for (int i = 0; i < request.getMessagesCount(); i++) {
      Message m = request.getMessages(i);
      String path = "messages[" + i + "]";
      String role = switch (m.getRole()) {
        case ROLE_SYSTEM -> null;
        case ROLE_USER, ROLE_TOOL -> "user";
        case ROLE_ASSISTANT -> "assistant";
        case ROLE_UNSPECIFIED, UNRECOGNIZED -> throw GatewayException.invalidField(path + ".role", "must be set");
      };
      if (role == null) {
        continue;
      }
      if (!role.equals(openRole)) {
        if (openRole != null) {
          endTurn(out);
        }
        startTurn(out, role);
        openRole = role;
      }
      if (m.getRole() == Role.ROLE_TOOL) {
        content.writeToolResult(out, m, path);
        continue;
      }
      content.writeParts(out, m, path);
      for (ToolCall call : m.getToolCallsList()) {
        content.writeToolUse(out, call, arguments.get(nextArguments++));
      }
    }
    if (openRole != null) {
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

  private static void writeToolConfig(JsonGenerator out, CompleteRequest request) throws IOException {
    out.writeObjectFieldStart("toolConfig");
    out.writeArrayFieldStart("tools");
    for (Tool tool : request.getToolsList()) {
      out.writeStartObject();
      out.writeObjectFieldStart("toolSpec");
      out.writeStringField("name", tool.getName());
      if (!tool.getDescription().isEmpty()) {
        out.writeStringField("description", tool.getDescription());
      }
      out.writeObjectFieldStart("inputSchema");
      out.writeFieldName("json");
      if (tool.hasParameters()) {
        StructJson.write(out, tool.getParameters());
      } else {
        // Converse requires a schema; an empty object schema means "no parameters".
        out.writeStartObject();
        out.writeStringField("type", "object");
        out.writeEndObject();
      }
      out.writeEndObject();
      if (tool.getStrict()) {
        out.writeBooleanField("strict", true);
      }
      out.writeEndObject();
      out.writeEndObject();
    }
    out.writeEndArray();
    ToolChoice choice = request.getToolChoice();
    switch (choice.getMode()) {
      case MODE_AUTO -> emptyChoice(out, "auto");
      case MODE_REQUIRED -> emptyChoice(out, "any");
      case MODE_TOOL -> {
        out.writeObjectFieldStart("toolChoice");
        out.writeObjectFieldStart("tool");
        out.writeStringField("name", choice.getToolName());
        out.writeEndObject();
        out.writeEndObject();
      }
      case MODE_UNSPECIFIED, MODE_NONE, UNRECOGNIZED -> {
        // Converse's default is auto.
      }
    }
    out.writeEndObject();
  }

  private static void emptyChoice(JsonGenerator out, String name) throws IOException {
    out.writeObjectFieldStart("toolChoice");
    out.writeObjectFieldStart(name);
    out.writeEndObject();
    out.writeEndObject();
  }

  private static void writeInferenceConfig(JsonGenerator out, CompleteRequest request) throws IOException {
    if (!request.hasMaxOutputTokens() && !request.hasTemperature() && !request.hasTopP()
        && request.getStopCount() == 0) {
      return;
    }
    out.writeObjectFieldStart("inferenceConfig");
    if (request.hasMaxOutputTokens()) {
      out.writeNumberField("maxTokens", request.getMaxOutputTokens());
    }
    if (request.hasTemperature()) {
      out.writeNumberField("temperature", request.getTemperature());
    }
    if (request.hasTopP()) {
      out.writeNumberField("topP", request.getTopP());
    }
    if (request.getStopCount() > 0) {
      out.writeArrayFieldStart("stopSequences");
      for (String stop : request.getStopList()) {
        out.writeString(stop);
      }
      out.writeEndArray();
    }
    out.writeEndObject();
  }
}
