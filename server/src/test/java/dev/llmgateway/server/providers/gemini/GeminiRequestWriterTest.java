package dev.llmgateway.server.providers.gemini;

import static dev.llmgateway.server.providers.gemini.GeminiTesting.json;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;
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

class GeminiRequestWriterTest {
  private final GeminiRequestWriter writer = new GeminiRequestWriter("google");

  @Test
  void writesEveryFieldOfAFullRequest() {
    CompleteRequest request = CompleteRequest.newBuilder()
        .setModel("flash")
        .addMessages(message(Role.ROLE_SYSTEM, "You are terse."))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_USER)
            .addContent(text("What is in these images?"))
            .addContent(image(ImagePart.newBuilder().setData(ByteString.copyFrom(new byte[] {1, 2, 3}))
                .setMimeType("image/png")))
            .addContent(image(ImagePart.newBuilder().setUrl("https://example.com/cat.JPG")))
            .addContent(image(ImagePart.newBuilder().setUrl("data:image/webp;base64,UklGRg=="))))
        .addMessages(message(Role.ROLE_SYSTEM, "Answer in English."))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_ASSISTANT)
            .addContent(text("Let me check."))
            .addToolCalls(call("call_0~ts~c2lnbmF0dXJl", "get_weather", "{\"city\": \"Paris\"}"))
            .addToolCalls(call("call_1", "get_time", "")))
        .addMessages(toolResult("call_0~ts~c2lnbmF0dXJl", "{\"temp\": 18}"))
        .addMessages(toolResult("call_1", "12:00 CET"))
        .addMessages(message(Role.ROLE_USER, "Thanks"))
        .addTools(Tool.newBuilder().setName("get_weather").setDescription("Current weather").setStrict(true)
            .setParameters(struct("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
                + "\"required\":[\"city\"],\"additionalProperties\":false}")))
        .addTools(Tool.newBuilder().setName("get_time"))
        .setToolChoice(ToolChoice.newBuilder().setMode(ToolChoice.Mode.MODE_TOOL).setToolName("get_weather"))
        .setResponseFormat(ResponseFormat.newBuilder().setType(ResponseFormat.Type.TYPE_JSON_SCHEMA)
            .setSchemaName("answer").setStrict(true)
            .setJsonSchema(struct("{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"string\"}},"
                + "\"required\":[\"answer\"]}")))
        .setTemperature(0.5)
        .setTopP(0.9)
        .setMaxOutputTokens(512)
        .addStop("END")
        .addStop("STOP")
        .setSeed(42)
        .putAllMetadata(Map.of("team", "search"))
        .setUser("user-123")
        .build();

    JsonNode body = json(writer.generateContent(request));

    assertThat(body).isEqualTo(json("""
        {
          "systemInstruction": {"parts": [{"text": "You are terse."}, {"text": "Answer in English."}]},
          "contents": [
            {"role": "user", "parts": [
              {"text": "What is in these images?"},
              {"inlineData": {"mimeType": "image/png", "data": "AQID"}},
              {"fileData": {"mimeType": "image/jpeg", "fileUri": "https://example.com/cat.JPG"}},
              {"inlineData": {"mimeType": "image/webp", "data": "UklGRg=="}}
            ]},
            {"role": "model", "parts": [
              {"text": "Let me check."},
              {"functionCall": {"name": "get_weather", "args": {"city": "Paris"}}, "thoughtSignature": "c2lnbmF0dXJl"},
              {"functionCall": {"name": "get_time", "args": {}}}
            ]},
            {"role": "user", "parts": [
              {"functionResponse": {"name": "get_weather", "response": {"temp": 18}}},
              {"functionResponse": {"name": "get_time", "response": {"result": "12:00 CET"}}}
            ]},
            {"role": "user", "parts": [{"text": "Thanks"}]}
          ],
          "tools": [{"functionDeclarations": [
            {"name": "get_weather", "description": "Current weather", "parametersJsonSchema": {
              "type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"],
              "additionalProperties": false}},
            {"name": "get_time"}
          ]}],
          "toolConfig": {"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": ["get_weather"]}},
          "generationConfig": {
            "temperature": 0.5,
            "topP": 0.9,
            "maxOutputTokens": 512,
            "stopSequences": ["END", "STOP"],
            "seed": 42,
            "responseMimeType": "application/json",
            "responseJsonSchema": {"type": "object", "properties": {"answer": {"type": "string"}},
              "required": ["answer"]}
          }
        }
        """));
  }

  @Test
  void writesTheRecordedFunctionCallingRequestWithFullJsonSchemaParameters() throws Exception {
    JsonNode recorded = GeminiTesting.requestFixture("generate-content-function-call-request");
    CompleteRequest.Builder request = CompleteRequest.newBuilder().setModel("flash")
        .addMessages(message(Role.ROLE_USER, "Which theaters in Mountain View show Barbie movie?"));
    for (JsonNode declaration : recorded.at("/tools/0/functionDeclarations")) {
      request.addTools(Tool.newBuilder().setName(declaration.get("name").asText())
          .setDescription(declaration.get("description").asText())
          .setParameters(struct(declaration.get("parameters").toString())));
    }

    JsonNode body = json(writer.generateContent(request.build()));

    // The recorded body uses the OpenAPI-subset "parameters"; the gateway sends the same schema as full
    // JSON Schema under "parametersJsonSchema", which Gemini documents as the alternative.
    for (JsonNode declaration : recorded.at("/tools/0/functionDeclarations")) {
      ((ObjectNode) declaration).set("parametersJsonSchema", ((ObjectNode) declaration).remove("parameters"));
    }
    assertThat(body).isEqualTo(recorded);
  }

  @Test
  void writesThePlainTextRequestOfTheRecordedExample() {
    JsonNode recorded = GeminiTesting.requestFixture("generate-content-request");
    // The recorded body leaves the role out, which Gemini reads as "user"; the gateway always names it.
    ((ObjectNode) recorded.at("/contents/0")).put("role", "user");

    JsonNode body = json(writer.generateContent(GeminiTesting.userSays("Give me python code to sort a list.")));

    assertThat(body).isEqualTo(recorded);
  }

  @ParameterizedTest
  @CsvSource({"MODE_AUTO,AUTO", "MODE_NONE,NONE", "MODE_REQUIRED,ANY"})
  void mapsEachToolChoiceModeToAFunctionCallingMode(ToolChoice.Mode mode, String gemini) {
    CompleteRequest request = GeminiTesting.userSays("Hi").toBuilder()
        .addTools(Tool.newBuilder().setName("f"))
        .setToolChoice(ToolChoice.newBuilder().setMode(mode))
        .build();

    JsonNode body = json(writer.generateContent(request));

    assertThat(body.get("toolConfig")).isEqualTo(json("{\"functionCallingConfig\": {\"mode\": \"" + gemini + "\"}}"));
  }

  @Test
  void asksForAnyJsonObjectWithTheMimeTypeAlone() {
    CompleteRequest request = GeminiTesting.userSays("Hi").toBuilder()
        .setResponseFormat(ResponseFormat.newBuilder().setType(ResponseFormat.Type.TYPE_JSON_OBJECT)).build();

    JsonNode body = json(writer.generateContent(request));

    assertThat(body.get("generationConfig")).isEqualTo(json("{\"responseMimeType\": \"application/json\"}"));
  }

  @Test
  void leavesOutEverythingARequestDoesNotSet() {
    JsonNode body = json(writer.generateContent(GeminiTesting.userSays("Hi")));

    assertThat(body).isEqualTo(json("{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": \"Hi\"}]}]}"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "[1, 2]|{\"result\": [1, 2]}",
      "\"quoted\"|{\"result\": \"quoted\"}",
      "42|{\"result\": 42}",
      "{\"a\": 1} trailing|{\"result\": \"{\\\"a\\\": 1} trailing\"}",
      "sunny|{\"result\": \"sunny\"}"})
  void wrapsEveryToolResultThatIsNotAJsonObject(String result, String expected) {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(message(Role.ROLE_USER, "Weather?"))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_ASSISTANT).addToolCalls(call("call_0", "weather", "{}")))
        .addMessages(toolResult("call_0", result))
        .build();

    JsonNode body = json(writer.generateContent(request));

    assertThat(body.at("/contents/2/parts/0/functionResponse/response")).isEqualTo(json(expected));
  }

  @Test
  void namesAToolResultAfterTheLatestCallWithItsIdAndEchoesAnIdGeminiIssued() {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(message(Role.ROLE_USER, "Go"))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_ASSISTANT).addToolCalls(call("call_0", "first", "{}")))
        .addMessages(toolResult("call_0", "1"))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_ASSISTANT)
            .addToolCalls(call("call_0", "second", "{}"))
            .addToolCalls(call("fc-7f3a", "third", "{}")))
        .addMessages(toolResult("call_0", "2"))
        .addMessages(toolResult("fc-7f3a", "3"))
        .build();

    JsonNode body = json(writer.generateContent(request));

    assertThat(body.at("/contents/2/parts/0/functionResponse/name").asText()).isEqualTo("first");
    assertThat(body.at("/contents/4/parts/0/functionResponse/name").asText()).isEqualTo("second");
    assertThat(body.at("/contents/4/parts/0/functionResponse/id").isMissingNode()).isTrue();
    assertThat(body.at("/contents/3/parts/1/functionCall/id").asText()).isEqualTo("fc-7f3a");
    assertThat(body.at("/contents/4/parts/1/functionResponse")).isEqualTo(json(
        "{\"id\": \"fc-7f3a\", \"name\": \"third\", \"response\": {\"result\": 3}}"));
  }

  @Test
  void namesAToolResultWhoseCallIsGoneAfterTheMessageName() {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(Message.newBuilder().setRole(Role.ROLE_TOOL).setToolCallId("call_9").setName("lookup")
            .addContent(text("found")))
        .build();

    JsonNode body = json(writer.generateContent(request));

    assertThat(body.at("/contents/0/parts/0/functionResponse/name").asText()).isEqualTo("lookup");
  }

  @Test
  void wrapsTheConversationForCountingTokens() throws Exception {
    CountTokensRequest request = CountTokensRequest.newBuilder()
        .setModel("flash")
        .addMessages(message(Role.ROLE_SYSTEM, "Be brief."))
        .addMessages(message(Role.ROLE_USER, "Hello"))
        .addTools(Tool.newBuilder().setName("f").setDescription("does f"))
        .build();

    JsonNode body = json(writer.countTokens(request, "models/gemini-2.5-flash"));

    assertThat(body).isEqualTo(json("""
        {"generateContentRequest": {
          "model": "models/gemini-2.5-flash",
          "systemInstruction": {"parts": [{"text": "Be brief."}]},
          "contents": [{"role": "user", "parts": [{"text": "Hello"}]}],
          "tools": [{"functionDeclarations": [{"name": "f", "description": "does f"}]}]
        }}
        """));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{city: Paris}|messages[1].tool_calls[0].arguments_json",
      "[1]|messages[1].tool_calls[0].arguments_json"})
  void rejectsToolCallArgumentsThatAreNotAJsonObject(String arguments, String field) {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(message(Role.ROLE_USER, "Weather?"))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_ASSISTANT).addToolCalls(call("c", "weather", arguments)))
        .build();

    assertThat(rejection(request)).containsExactly(field);
  }

  @Test
  void rejectsAToolResultThatAnswersNoKnownCall() {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(message(Role.ROLE_USER, "Weather?"))
        .addMessages(toolResult("call_5", "sunny"))
        .build();

    assertThat(rejection(request)).containsExactly("messages[1].tool_call_id");
  }

  @Test
  void rejectsAnImageInASystemMessageOrAToolResult() {
    Message imageOnly = Message.newBuilder().setRole(Role.ROLE_SYSTEM)
        .addContent(image(ImagePart.newBuilder().setUrl("https://example.com/a.png"))).build();

    assertThat(rejection(CompleteRequest.newBuilder().addMessages(imageOnly)
        .addMessages(message(Role.ROLE_USER, "Hi")).build())).containsExactly("messages[0].content[0]");
  }

  @Test
  void rejectsImageBytesWithoutAMediaType() {
    CompleteRequest request = CompleteRequest.newBuilder().addMessages(Message.newBuilder().setRole(Role.ROLE_USER)
        .addContent(image(ImagePart.newBuilder().setData(ByteString.copyFromUtf8("x"))))).build();

    assertThat(rejection(request)).containsExactly("messages[0].content[0].image.mime_type");
  }

  @Test
  void rejectsASeedBeyondThirtyTwoBits() {
    CompleteRequest request = GeminiTesting.userSays("Hi").toBuilder().setSeed(1L << 40).build();

    assertThat(rejection(request)).containsExactly("seed");
  }

  private List<String> rejection(CompleteRequest request) {
    GatewayException e = catchThrowableOfType(GatewayException.class, () -> writer.generateContent(request));
    assertThat(e).isNotNull();
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    return e.violations().stream().map(FieldViolation::field).toList();
  }

  static ContentPart text(String text) {
    return ContentPart.newBuilder().setText(text).build();
  }

  static ContentPart image(ImagePart.Builder image) {
    return ContentPart.newBuilder().setImage(image).build();
  }

  static ToolCall call(String id, String name, String arguments) {
    return ToolCall.newBuilder().setId(id).setName(name).setArgumentsJson(arguments).build();
  }

  static Message toolResult(String callId, String text) {
    return Message.newBuilder().setRole(Role.ROLE_TOOL).setToolCallId(callId).addContent(text(text)).build();
  }

  static Struct struct(String json) {
    return GeminiTesting.struct(json(json));
  }
}
