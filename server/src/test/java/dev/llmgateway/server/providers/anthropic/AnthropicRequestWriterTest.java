package dev.llmgateway.server.providers.anthropic;

import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.json;
import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.FieldViolation;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.CountTokensRequest;
import dev.llmgateway.v1.ImagePart;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.ResponseFormat;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.Tool;
import dev.llmgateway.v1.ToolCall;
import dev.llmgateway.v1.ToolChoice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicRequestWriterTest {
  private final AnthropicRequestWriter writer = new AnthropicRequestWriter("claude", 4096);

  @Test
  void writesEveryFieldOfAFullRequest() {
    CompleteRequest request = CompleteRequest.newBuilder()
        .setModel("claude-sonnet")
        .addMessages(message(Role.ROLE_SYSTEM, "You are terse."))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_USER)
            .addContent(textPart("What is in this image?"))
            .addContent(ContentPart.newBuilder().setImage(ImagePart.newBuilder()
                .setData(ByteString.copyFrom(new byte[] {1, 2, 3})).setMimeType("image/png")))
            .addContent(ContentPart.newBuilder().setImage(ImagePart.newBuilder()
                .setUrl("https://example.com/cat.jpg"))))
        .addMessages(message(Role.ROLE_SYSTEM, "Answer in English."))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_ASSISTANT)
            .addContent(textPart("Let me check."))
            .addToolCalls(call("toolu_1", "get_weather", "{\"city\": \"Paris\"}"))
            .addToolCalls(call("toolu_2", "get_time", "")))
        .addMessages(toolResult("toolu_1", "18C"))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_TOOL).setToolCallId("toolu_2")
            .addContent(textPart("12:00")).addContent(textPart(" CET")))
        .addMessages(message(Role.ROLE_USER, "Thanks"))
        .addTools(Tool.newBuilder().setName("get_weather").setDescription("Current weather").setStrict(true)
            .setParameters(struct(json("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
                + "\"required\":[\"city\"]}"))))
        .addTools(Tool.newBuilder().setName("get_time"))
        .setToolChoice(ToolChoice.newBuilder().setMode(ToolChoice.Mode.MODE_TOOL).setToolName("get_weather"))
        .setResponseFormat(ResponseFormat.newBuilder().setType(ResponseFormat.Type.TYPE_JSON_SCHEMA)
            .setSchemaName("answer").setStrict(true)
            .setJsonSchema(struct(json("{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"string\"}},"
                + "\"required\":[\"answer\"],\"additionalProperties\":false}"))))
        .setTemperature(0.5)
        .setTopP(0.9)
        .setMaxOutputTokens(512)
        .addStop("END")
        .setSeed(42)
        .putAllMetadata(Map.of("team", "search"))
        .setUser("user-123")
        .build();

    JsonNode body = json(text(writer.write(request, "claude-sonnet-4-5", false)));

    assertThat(body).isEqualTo(json("""
        {
          "model": "claude-sonnet-4-5",
          "max_tokens": 512,
          "system": "You are terse.\\n\\nAnswer in English.",
          "messages": [
            {"role": "user", "content": [
              {"type": "text", "text": "What is in this image?"},
              {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "AQID"}},
              {"type": "image", "source": {"type": "url", "url": "https://example.com/cat.jpg"}}
            ]},
            {"role": "assistant", "content": [
              {"type": "text", "text": "Let me check."},
              {"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Paris"}},
              {"type": "tool_use", "id": "toolu_2", "name": "get_time", "input": {}}
            ]},
            {"role": "user", "content": [
              {"type": "tool_result", "tool_use_id": "toolu_1", "content": "18C"},
              {"type": "tool_result", "tool_use_id": "toolu_2", "content": [
                {"type": "text", "text": "12:00"}, {"type": "text", "text": " CET"}
              ]}
            ]},
            {"role": "user", "content": [{"type": "text", "text": "Thanks"}]}
          ],
          "tools": [
            {"name": "get_weather", "description": "Current weather", "strict": true, "input_schema":
              {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}},
            {"name": "get_time", "input_schema": {"type": "object"}}
          ],
          "tool_choice": {"type": "tool", "name": "get_weather"},
          "temperature": 0.5,
          "top_p": 0.9,
          "stop_sequences": ["END"],
          "metadata": {"user_id": "user-123"},
          "output_config": {"format": {"type": "json_schema", "schema":
            {"type": "object", "properties": {"answer": {"type": "string"}}, "required": ["answer"],
             "additionalProperties": false}}}
        }
        """));
  }

  @Test
  void writesAMinimalStreamedRequestWithTheDefaultMaxTokens() {
    CompleteRequest request = CompleteRequest.newBuilder().addMessages(message(Role.ROLE_USER, "Hi")).build();

    JsonNode body = json(text(writer.write(request, "claude-haiku-4-5", true)));

    assertThat(body).isEqualTo(json("""
        {"model": "claude-haiku-4-5", "max_tokens": 4096, "stream": true,
         "messages": [{"role": "user", "content": [{"type": "text", "text": "Hi"}]}]}
        """));
  }

  @Test
  void joinsEverySystemMessageInOrderWithBlankLinesIntoTheTopLevelSystemPrompt() {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(message(Role.ROLE_SYSTEM, "First."))
        .addMessages(message(Role.ROLE_USER, "Hi"))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_SYSTEM)
            .addContent(textPart("Second, ")).addContent(textPart("in two parts.")))
        .addMessages(message(Role.ROLE_SYSTEM, ""))
        .addMessages(message(Role.ROLE_SYSTEM, "Third."))
        .build();

    JsonNode body = json(text(writer.write(request, "m", false)));

    assertThat(body.get("system").asText()).isEqualTo("First.\n\nSecond, in two parts.\n\nThird.");
    assertThat(body.get("messages")).hasSize(1);
    assertThat(body.get("messages").get(0).get("role").asText()).isEqualTo("user");
  }

  @Test
  void mergesConsecutiveToolResultsIntoOneUserTurnAndStartsANewTurnAfterOtherMessages() {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(message(Role.ROLE_USER, "Weather in Paris and Rome?"))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_ASSISTANT)
            .addToolCalls(call("a", "weather", "{\"city\":\"Paris\"}"))
            .addToolCalls(call("b", "weather", "{\"city\":\"Rome\"}")))
        .addMessages(toolResult("a", "sunny"))
        .addMessages(toolResult("b", "rain"))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_ASSISTANT)
            .addToolCalls(call("c", "weather", "{\"city\":\"Oslo\"}")))
        .addMessages(toolResult("c", "snow"))
        .addMessages(message(Role.ROLE_USER, "Thanks"))
        .build();

    JsonNode messages = json(text(writer.write(request, "m", false))).get("messages");

    assertThat(messages).hasSize(6);
    assertThat(messages.get(2)).isEqualTo(json("""
        {"role": "user", "content": [
          {"type": "tool_result", "tool_use_id": "a", "content": "sunny"},
          {"type": "tool_result", "tool_use_id": "b", "content": "rain"}]}
        """));
    assertThat(messages.get(3).get("role").asText()).isEqualTo("assistant");
    assertThat(messages.get(4)).isEqualTo(json("""
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "c", "content": "snow"}]}
        """));
    assertThat(messages.get(5)).isEqualTo(json("""
        {"role": "user", "content": [{"type": "text", "text": "Thanks"}]}
        """));
  }

  @Test
  void endsWithAnOpenToolTurnClosed() {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(message(Role.ROLE_USER, "Weather?"))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_ASSISTANT).addToolCalls(call("a", "weather", "{}")))
        .addMessages(toolResult("a", "sunny"))
        .build();

    JsonNode messages = json(text(writer.write(request, "m", false))).get("messages");

    assertThat(messages).hasSize(3);
    assertThat(messages.get(2).get("content").get(0).get("type").asText()).isEqualTo("tool_result");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"city\": |is not valid JSON",
      "[1, 2]|must be a JSON object",
      "\"Paris\"|must be a JSON object"})
  void rejectsToolCallArgumentsThatAreNotAJsonObjectNamingTheField(String arguments, String problem) {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(message(Role.ROLE_USER, "Weather?"))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_ASSISTANT)
            .addToolCalls(call("a", "weather", "{}"))
            .addToolCalls(call("b", "weather", arguments)))
        .build();

    GatewayException e = catchThrowableOfType(GatewayException.class, () -> writer.write(request, "m", false));

    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.violations()).containsExactly(
        new FieldViolation("messages[1].tool_calls[1].arguments_json", problem));
  }

  @ParameterizedTest
  @CsvSource({"MODE_AUTO,auto", "MODE_NONE,none", "MODE_REQUIRED,any"})
  void mapsToolChoiceModes(ToolChoice.Mode mode, String type) {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(message(Role.ROLE_USER, "Hi"))
        .addTools(Tool.newBuilder().setName("t"))
        .setToolChoice(ToolChoice.newBuilder().setMode(mode))
        .build();

    JsonNode body = json(text(writer.write(request, "m", false)));

    assertThat(body.get("tool_choice")).isEqualTo(json("{\"type\": \"" + type + "\"}"));
  }

  @Test
  void leavesToolChoiceToTheProviderWhenUnspecified() {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(message(Role.ROLE_USER, "Hi"))
        .addTools(Tool.newBuilder().setName("t"))
        .build();

    assertThat(json(text(writer.write(request, "m", false))).has("tool_choice")).isFalse();
  }

  @Test
  void sendsADataUrlImageAsInlineBase64() {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(Message.newBuilder().setRole(Role.ROLE_USER).addContent(ContentPart.newBuilder()
            .setImage(ImagePart.newBuilder().setUrl("data:image/jpeg;base64,/9j/4AAQ"))))
        .build();

    JsonNode image = json(text(writer.write(request, "m", false))).at("/messages/0/content/0");

    assertThat(image).isEqualTo(json("""
        {"type": "image", "source": {"type": "base64", "media_type": "image/jpeg", "data": "/9j/4AAQ"}}
        """));
  }

  @Test
  void rejectsImageBytesWithoutAMediaType() {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(Message.newBuilder().setRole(Role.ROLE_USER).addContent(textPart("Look"))
            .addContent(ContentPart.newBuilder().setImage(ImagePart.newBuilder()
                .setData(ByteString.copyFromUtf8("png")))))
        .build();

    GatewayException e = catchThrowableOfType(GatewayException.class, () -> writer.write(request, "m", false));

    assertThat(e.violations()).extracting(FieldViolation::field)
        .containsExactly("messages[0].content[1].image.mime_type");
  }

  @Test
  void rejectsAnImageInASystemMessage() {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(Message.newBuilder().setRole(Role.ROLE_SYSTEM).addContent(ContentPart.newBuilder()
            .setImage(ImagePart.newBuilder().setUrl("https://example.com/a.png"))))
        .addMessages(message(Role.ROLE_USER, "Hi"))
        .build();

    GatewayException e = catchThrowableOfType(GatewayException.class, () -> writer.write(request, "m", false));

    assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("messages[0].content[0]");
  }

  @Test
  void rejectsSchemalessJsonOutputBecauseAnthropicConstrainsOnlyToASchema() {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(message(Role.ROLE_USER, "Hi"))
        .setResponseFormat(ResponseFormat.newBuilder().setType(ResponseFormat.Type.TYPE_JSON_OBJECT))
        .build();

    GatewayException e = catchThrowableOfType(GatewayException.class, () -> writer.write(request, "m", false));

    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("response_format.type");
  }

  @Test
  void rejectsATemperatureAboveAnthropicsRange() {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(message(Role.ROLE_USER, "Hi")).setTemperature(1.5).build();

    GatewayException e = catchThrowableOfType(GatewayException.class, () -> writer.write(request, "m", false));

    assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("temperature");
  }

  @Test
  void rejectsAToolMessageWithoutTheCallItAnswers() {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(message(Role.ROLE_USER, "Hi"))
        .addMessages(message(Role.ROLE_TOOL, "result"))
        .build();

    GatewayException e = catchThrowableOfType(GatewayException.class, () -> writer.write(request, "m", false));

    assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("messages[1].tool_call_id");
  }

  @Test
  void writesACountBodyWithTheConversationAndToolsButNoOutputOrSamplingFields() {
    CountTokensRequest request = CountTokensRequest.newBuilder()
        .setModel("claude-sonnet")
        .addMessages(message(Role.ROLE_SYSTEM, "You are terse."))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_USER)
            .addContent(textPart("What is in this image?"))
            .addContent(ContentPart.newBuilder().setImage(ImagePart.newBuilder()
                .setData(ByteString.copyFrom(new byte[] {1, 2, 3})).setMimeType("image/png"))))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_ASSISTANT)
            .addToolCalls(call("toolu_1", "get_weather", "{\"city\": \"Paris\"}")))
        .addMessages(toolResult("toolu_1", "18C"))
        .addTools(Tool.newBuilder().setName("get_weather").setDescription("Current weather")
            .setParameters(struct(json("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"))))
        .build();

    JsonNode body = json(text(writer.writeCount(request, "claude-sonnet-4-5")));

    assertThat(body).isEqualTo(json("""
        {
          "model": "claude-sonnet-4-5",
          "system": "You are terse.",
          "messages": [
            {"role": "user", "content": [
              {"type": "text", "text": "What is in this image?"},
              {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "AQID"}}
            ]},
            {"role": "assistant", "content": [
              {"type": "tool_use", "id": "toolu_1", "name": "get_weather", "input": {"city": "Paris"}}
            ]},
            {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1", "content": "18C"}]}
          ],
          "tools": [{"name": "get_weather", "description": "Current weather", "input_schema":
            {"type": "object", "properties": {"city": {"type": "string"}}}}]
        }
        """));
  }

  @Test
  void countsExactlyTheInputACompletionWouldSend() {
    Message system = message(Role.ROLE_SYSTEM, "Be brief.");
    Message user = message(Role.ROLE_USER, "Weather in Paris?");
    Tool tool = Tool.newBuilder().setName("get_weather").setStrict(true).build();
    CompleteRequest complete = CompleteRequest.newBuilder().addMessages(system).addMessages(user).addTools(tool)
        .setTemperature(0.2).setMaxOutputTokens(100).addStop("END").setUser("u-1").build();
    CountTokensRequest count = CountTokensRequest.newBuilder().addMessages(system).addMessages(user).addTools(tool)
        .build();

    ObjectNode completeBody = (ObjectNode) json(text(writer.write(complete, "m", true)));
    completeBody.remove(List.of("max_tokens", "stream", "temperature", "stop_sequences", "metadata"));

    assertThat(json(text(writer.writeCount(count, "m")))).isEqualTo(completeBody);
  }

  @Test
  void rejectsInvalidToolArgumentsInACountNamingTheField() {
    CountTokensRequest request = CountTokensRequest.newBuilder()
        .addMessages(message(Role.ROLE_USER, "Hi"))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_ASSISTANT).addToolCalls(call("toolu_1", "f", "[1]")))
        .build();

    GatewayException e = catchThrowableOfType(GatewayException.class, () -> writer.writeCount(request, "m"));

    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.violations()).extracting(FieldViolation::field)
        .containsExactly("messages[1].tool_calls[0].arguments_json");
  }

  static Message message(Role role, String text) {
    return Message.newBuilder().setRole(role).addContent(textPart(text)).build();
  }

  private static ContentPart textPart(String text) {
    return ContentPart.newBuilder().setText(text).build();
  }

  private static ToolCall call(String id, String name, String arguments) {
    return ToolCall.newBuilder().setId(id).setName(name).setArgumentsJson(arguments).build();
  }

  private static Message toolResult(String callId, String text) {
    return Message.newBuilder().setRole(Role.ROLE_TOOL).setToolCallId(callId).addContent(textPart(text)).build();
  }

  /** Converts a JSON object into a protobuf Struct, as the gRPC layer would hand it over. */
  static Struct struct(JsonNode object) {
    Struct.Builder struct = Struct.newBuilder();
    object.properties().forEach(e -> struct.putFields(e.getKey(), value(e.getValue())));
    return struct.build();
  }

  private static Value value(JsonNode node) {
    if (node.isObject()) {
      return Value.newBuilder().setStructValue(struct(node)).build();
    }
    if (node.isArray()) {
      ListValue.Builder list = ListValue.newBuilder();
      node.forEach(v -> list.addValues(value(v)));
      return Value.newBuilder().setListValue(list).build();
    }
    if (node.isNumber()) {
      return Value.newBuilder().setNumberValue(node.asDouble()).build();
    }
    if (node.isBoolean()) {
      return Value.newBuilder().setBoolValue(node.asBoolean()).build();
    }
    if (node.isNull()) {
      return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
    }
    return Value.newBuilder().setStringValue(node.asText()).build();
  }
}
