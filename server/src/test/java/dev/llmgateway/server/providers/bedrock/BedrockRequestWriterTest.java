package dev.llmgateway.server.providers.bedrock;

import static dev.llmgateway.server.providers.bedrock.BedrockTesting.json;
import static dev.llmgateway.server.providers.bedrock.BedrockTesting.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.ImagePart;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.ResponseFormat;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.Tool;
import dev.llmgateway.v1.ToolCall;
import dev.llmgateway.v1.ToolChoice;
import org.junit.jupiter.api.Test;

/** Writes Converse bodies from contract requests, compared with the documented request examples. */
class BedrockRequestWriterTest {
  private final BedrockRequestWriter writer = new BedrockRequestWriter(BedrockTesting.PROVIDER);

  @Test
  void writesSystemMessagesAndSamplingAsTheDocumentedConverseRequest() {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(message(Role.ROLE_SYSTEM, "You are an app that creates playlists for a radio station that plays"
            + " rock and pop music. Only return song names and the artist."))
        .addMessages(message(Role.ROLE_USER, "Create a list of 3 pop songs."))
        .setTemperature(0.5)
        .build();

    JsonNode body = write(request);

    JsonNode documented = json(resource("converse-request.json"));
    assertThat(body.get("system")).isEqualTo(documented.get("system"));
    assertThat(body.get("messages")).isEqualTo(documented.get("messages"));
    assertThat(body.get("inferenceConfig")).isEqualTo(documented.get("inferenceConfig"));
    assertThat(body.has("toolConfig")).isFalse();
  }

  @Test
  void writesToolsAsTheDocumentedToolConfig() {
    Struct schema = Struct.newBuilder()
        .putFields("type", Value.newBuilder().setStringValue("object").build())
        .putFields("properties", Value.newBuilder().setStructValue(Struct.newBuilder().putFields("sign",
            Value.newBuilder().setStructValue(Struct.newBuilder()
                .putFields("type", Value.newBuilder().setStringValue("string").build())
                .putFields("description", Value.newBuilder().setStringValue("The call sign for the radio station for"
                    + " which you want the most popular song. Example calls signs are WZPZ and WKRP.").build()))
                .build())).build())
        .putFields("required", Value.newBuilder().setListValue(com.google.protobuf.ListValue.newBuilder()
            .addValues(Value.newBuilder().setStringValue("sign"))).build())
        .build();
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(message(Role.ROLE_USER, "What is the most popular song on WZPZ?"))
        .addTools(Tool.newBuilder().setName("top_song")
            .setDescription("Get the most popular song played on a radio station.").setParameters(schema))
        .build();

    JsonNode body = write(request);

    JsonNode documented = json(resource("converse-request-tool.json"));
    assertThat(body.get("messages")).isEqualTo(documented.get("messages"));
    assertThat(body.get("toolConfig")).isEqualTo(documented.get("toolConfig"));
  }

  @Test
  void writesAToolRoundTripWithToolResultsAndTheNextUserTextInOneUserTurn() {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(message(Role.ROLE_USER, "Song on WZPZ?"))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_ASSISTANT)
            .addToolCalls(ToolCall.newBuilder().setId("t1").setName("top_song").setArgumentsJson("{\"sign\":\"WZPZ\"}")))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_TOOL).setToolCallId("t1")
            .addContent(ContentPart.newBuilder().setText("Elemental Hotel")))
        .addMessages(message(Role.ROLE_USER, "Thanks"))
        .addTools(Tool.newBuilder().setName("top_song"))
        .setToolChoice(ToolChoice.newBuilder().setMode(ToolChoice.Mode.MODE_TOOL).setToolName("top_song"))
        .setMaxOutputTokens(100)
        .addStop("END")
        .setTopP(0.9)
        .build();

    JsonNode body = write(request);

    assertThat(body.get("messages")).isEqualTo(json("""
        [{"role":"user","content":[{"text":"Song on WZPZ?"}]},
         {"role":"assistant","content":[{"toolUse":{"toolUseId":"t1","name":"top_song","input":{"sign":"WZPZ"}}}]},
         {"role":"user","content":[{"toolResult":{"toolUseId":"t1","content":[{"text":"Elemental Hotel"}]}},
                                   {"text":"Thanks"}]}]"""));
    assertThat(body.get("toolConfig")).isEqualTo(json("""
        {"tools":[{"toolSpec":{"name":"top_song","inputSchema":{"json":{"type":"object"}}}}],
         "toolChoice":{"tool":{"name":"top_song"}}}"""));
    assertThat(body.get("inferenceConfig")).isEqualTo(json(
        "{\"maxTokens\":100,\"topP\":0.9,\"stopSequences\":[\"END\"]}"));
  }

  @Test
  void writesImageBytesAndDataUrlsAsBase64Blocks() {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(Message.newBuilder().setRole(Role.ROLE_USER)
            .addContent(ContentPart.newBuilder().setImage(ImagePart.newBuilder()
                .setData(ByteString.copyFromUtf8("png!")).setMimeType("image/png")))
            .addContent(ContentPart.newBuilder().setImage(ImagePart.newBuilder()
                .setUrl("data:image/webp;base64,d2VicA=="))))
        .build();

    JsonNode body = write(request);

    assertThat(body.get("messages").get(0).get("content")).isEqualTo(json("""
        [{"image":{"format":"png","source":{"bytes":"cG5nIQ=="}}},
         {"image":{"format":"webp","source":{"bytes":"d2VicA=="}}}]"""));
  }

  @Test
  void rejectsAnImageUrlNamingTheField() {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(Message.newBuilder().setRole(Role.ROLE_USER)
            .addContent(ContentPart.newBuilder().setText("What is this?"))
            .addContent(ContentPart.newBuilder().setImage(ImagePart.newBuilder().setUrl("https://example.com/a.png"))))
        .build();

    assertThatThrownBy(() -> writer.write(request)).isInstanceOfSatisfying(GatewayException.class, e -> {
      assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
      assertThat(e.violations().get(0).field()).isEqualTo("messages[0].content[1].image.url");
    });
  }

  @Test
  void rejectsAnImageTypeBedrockDoesNotTake() {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(Message.newBuilder().setRole(Role.ROLE_USER).addContent(ContentPart.newBuilder()
            .setImage(ImagePart.newBuilder().setData(ByteString.copyFromUtf8("x")).setMimeType("image/bmp"))))
        .build();

    assertThatThrownBy(() -> writer.write(request)).isInstanceOfSatisfying(GatewayException.class,
        e -> assertThat(e.violations().get(0).field()).isEqualTo("messages[0].content[0].image.mime_type"));
  }

  @Test
  void writesAJsonSchemaAsOutputConfigAndRejectsFreeFormJson() {
    Struct schema = Struct.newBuilder().putFields("type", Value.newBuilder().setStringValue("object").build()).build();
    CompleteRequest request = CompleteRequest.newBuilder().addMessages(message(Role.ROLE_USER, "Hi"))
        .setResponseFormat(ResponseFormat.newBuilder().setType(ResponseFormat.Type.TYPE_JSON_SCHEMA)
            .setSchemaName("answer").setJsonSchema(schema))
        .build();

    JsonNode body = write(request);

    assertThat(body.get("outputConfig")).isEqualTo(json("""
        {"textFormat":{"type":"json_schema","structure":{"jsonSchema":{"name":"answer","schema":"{\\"type\\":\\"object\\"}"}}}}"""));
    CompleteRequest jsonObject = request.toBuilder()
        .setResponseFormat(ResponseFormat.newBuilder().setType(ResponseFormat.Type.TYPE_JSON_OBJECT)).build();
    assertThatThrownBy(() -> writer.write(jsonObject)).isInstanceOfSatisfying(GatewayException.class,
        e -> assertThat(e.violations().get(0).field()).isEqualTo("response_format.type"));
  }

  @Test
  void leavesToolsOutForModeNoneAndRejectsItOnceToolsWereUsed() {
    CompleteRequest request = CompleteRequest.newBuilder().addMessages(message(Role.ROLE_USER, "Hi"))
        .addTools(Tool.newBuilder().setName("top_song"))
        .setToolChoice(ToolChoice.newBuilder().setMode(ToolChoice.Mode.MODE_NONE))
        .build();

    assertThat(write(request).has("toolConfig")).isFalse();
    CompleteRequest used = request.toBuilder().addMessages(Message.newBuilder().setRole(Role.ROLE_ASSISTANT)
        .addToolCalls(ToolCall.newBuilder().setId("t1").setName("top_song"))).build();
    assertThatThrownBy(() -> writer.write(used)).isInstanceOfSatisfying(GatewayException.class,
        e -> assertThat(e.violations().get(0).field()).isEqualTo("tool_choice.mode"));
  }

  @Test
  void rejectsToolArgumentsThatAreNotAJsonObject() {
    CompleteRequest request = CompleteRequest.newBuilder().addMessages(message(Role.ROLE_USER, "Hi"))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_ASSISTANT)
            .addToolCalls(ToolCall.newBuilder().setId("t1").setName("f").setArgumentsJson("[1]")))
        .build();

    assertThatThrownBy(() -> writer.write(request)).isInstanceOfSatisfying(GatewayException.class,
        e -> assertThat(e.violations().get(0).field()).isEqualTo("messages[1].tool_calls[0].arguments_json"));
  }

  private JsonNode write(CompleteRequest request) {
    return json(BedrockBodies.bytes(writer.write(request)));
  }

  private static Message message(Role role, String text) {
    return Message.newBuilder().setRole(role).addContent(ContentPart.newBuilder().setText(text)).build();
  }
}
