package dev.llmgateway.server.providers.cohere;

import static dev.llmgateway.server.providers.cohere.CohereTesting.json;
import static dev.llmgateway.server.providers.cohere.CohereTesting.requestFixture;
import static dev.llmgateway.server.providers.cohere.CohereTesting.struct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.EmbedInputType;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.ImageDetail;
import dev.llmgateway.v1.ImagePart;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.ResponseFormat;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.Tool;
import dev.llmgateway.v1.ToolCall;
import dev.llmgateway.v1.ToolChoice;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Checks the JSON bodies written for Cohere's v2 chat and embed endpoints, field by field. */
class CohereRequestWriterTest {
  private final CohereRequestWriter writer = new CohereRequestWriter("search_document");

  @Test
  void writesTheDocumentedChatRequestExactly() {
    CompleteRequest request = CompleteRequest.newBuilder().addMessages(text(Role.ROLE_USER, "Tell me about LLMs")).build();

    JsonNode body = json(writer.chatBody(request, "command-a-plus-05-2026", false));

    assertThat(body).isEqualTo(requestFixture("chat-request"));
  }

  @Test
  void writesTheDocumentedToolRequestExactly() {
    JsonNode expected = requestFixture("chat-request-tools");
    CompleteRequest.Builder request = CompleteRequest.newBuilder()
        .addMessages(text(Role.ROLE_USER, expected.at("/messages/0/content").asText()));
    for (JsonNode tool : expected.get("tools")) {
      JsonNode function = tool.get("function");
      request.addTools(Tool.newBuilder().setName(function.get("name").asText())
          .setDescription(function.get("description").asText())
          .setParameters(struct(function.get("parameters"))));
    }

    JsonNode body = json(writer.chatBody(request.build(), "command-r", false));

    assertThat(body).isEqualTo(expected);
  }

  @Test
  void writesEverySamplingSettingUnderCohereNames() {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(text(Role.ROLE_SYSTEM, "Be brief."))
        .addMessages(text(Role.ROLE_USER, "Hi"))
        .setTemperature(0.5).setTopP(0.9).setMaxOutputTokens(256).addStop("END").addStop("STOP").setSeed(42)
        .setUser("end-user-7").putMetadata("team", "search")
        .build();

    JsonNode body = json(writer.chatBody(request, "command-a-03-2025", true));

    assertThat(body).isEqualTo(json("""
        {"model": "command-a-03-2025",
         "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}],
         "temperature": 0.5, "p": 0.9, "max_tokens": 256, "stop_sequences": ["END", "STOP"], "seed": 42,
         "stream": true}"""));
  }

  @Test
  void writesImagesAsImageUrlItemsWithDataUrlsForBytes() {
    byte[] png = "png-bytes".getBytes(StandardCharsets.UTF_8);
    Message user = Message.newBuilder().setRole(Role.ROLE_USER)
        .addContent(ContentPart.newBuilder().setText("What is shown?"))
        .addContent(ContentPart.newBuilder().setImage(ImagePart.newBuilder()
            .setUrl("https://example.com/chart.png").setDetail(ImageDetail.IMAGE_DETAIL_HIGH)))
        .addContent(ContentPart.newBuilder().setImage(ImagePart.newBuilder()
            .setData(ByteString.copyFrom(png)).setMimeType("image/png").setDetail(ImageDetail.IMAGE_DETAIL_LOW)))
        .build();

    JsonNode body = json(writer.chatBody(CompleteRequest.newBuilder().addMessages(user).build(), "m", false));

    assertThat(body.at("/messages/0/content")).isEqualTo(json("""
        [{"type": "text", "text": "What is shown?"},
         {"type": "image_url", "image_url": {"url": "https://example.com/chart.png", "detail": "high"}},
         {"type": "image_url", "image_url": {"url": "data:image/png;base64,cG5nLWJ5dGVz", "detail": "low"}}]"""));
  }

  @Test
  void writesAToolRoundTripWithThePlanAndTheResult() {
    Message assistant = Message.newBuilder().setRole(Role.ROLE_ASSISTANT)
        .addContent(ContentPart.newBuilder().setText("I will look up the weather."))
        .addToolCalls(ToolCall.newBuilder().setId("get_weather_1").setName("get_weather")
            .setArgumentsJson("{\"city\":\"Paris\"}"))
        .addToolCalls(ToolCall.newBuilder().setId("now_2").setName("now"))
        .build();
    Message result = Message.newBuilder().setRole(Role.ROLE_TOOL).setToolCallId("get_weather_1")
        .addContent(ContentPart.newBuilder().setText("{\"temp\": 21}")).build();
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(text(Role.ROLE_USER, "Weather in Paris?")).addMessages(assistant).addMessages(result).build();

    JsonNode body = json(writer.chatBody(request, "m", false));

    assertThat(body.get("messages")).isEqualTo(json("""
        [{"role": "user", "content": "Weather in Paris?"},
         {"role": "assistant", "tool_plan": "I will look up the weather.",
          "tool_calls": [
            {"id": "get_weather_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"}},
            {"id": "now_2", "type": "function", "function": {"name": "now", "arguments": "{}"}}]},
         {"role": "tool", "tool_call_id": "get_weather_1", "content": "{\\"temp\\": 21}"}]"""));
  }

  @Test
  void writesRequiredAndNoneToolChoicesAndLeavesAutoOut() {
    assertThat(toolChoice(ToolChoice.Mode.MODE_REQUIRED).get("tool_choice").asText()).isEqualTo("REQUIRED");
    assertThat(toolChoice(ToolChoice.Mode.MODE_NONE).get("tool_choice").asText()).isEqualTo("NONE");
    assertThat(toolChoice(ToolChoice.Mode.MODE_AUTO).has("tool_choice")).isFalse();
    assertThat(toolChoice(ToolChoice.Mode.MODE_UNSPECIFIED).has("tool_choice")).isFalse();
  }

  @Test
  void expressesANamedToolChoiceAsRequiredWithOnlyThatTool() {
    CompleteRequest request = withTools()
        .setToolChoice(ToolChoice.newBuilder().setMode(ToolChoice.Mode.MODE_TOOL).setToolName("now")).build();

    JsonNode body = json(writer.chatBody(request, "m", false));

    assertThat(body.get("tool_choice").asText()).isEqualTo("REQUIRED");
    assertThat(body.get("tools")).hasSize(1);
    assertThat(body.at("/tools/0/function/name").asText()).isEqualTo("now");
    assertThat(body.at("/tools/0/function/parameters")).isEqualTo(json("{\"type\": \"object\", \"properties\": {}}"));
  }

  @Test
  void rejectsANamedToolChoiceForAToolThatIsNotOffered() {
    CompleteRequest request = withTools()
        .setToolChoice(ToolChoice.newBuilder().setMode(ToolChoice.Mode.MODE_TOOL).setToolName("missing")).build();

    assertThatThrownBy(() -> writer.chatBody(request, "m", false))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
          assertThat(e.violations().get(0).field()).isEqualTo("tool_choice.tool_name");
        });
  }

  @Test
  void asksForStrictToolsWhenAnyToolIsStrict() {
    CompleteRequest request = withTools().setTools(0, withTools().getTools(0).toBuilder().setStrict(true)).build();

    assertThat(json(writer.chatBody(request, "m", false)).get("strict_tools").asBoolean()).isTrue();
    assertThat(json(writer.chatBody(withTools().build(), "m", false)).has("strict_tools")).isFalse();
  }

  @Test
  void writesResponseFormatsAsJsonObjectWithAnOptionalSchema() {
    ResponseFormat schema = ResponseFormat.newBuilder().setType(ResponseFormat.Type.TYPE_JSON_SCHEMA)
        .setSchemaName("answer").setStrict(true).setJsonSchema(struct(json("{\"type\": \"object\"}"))).build();

    assertThat(format(schema)).isEqualTo(json("{\"type\": \"json_object\", \"json_schema\": {\"type\": \"object\"}}"));
    assertThat(format(ResponseFormat.newBuilder().setType(ResponseFormat.Type.TYPE_JSON_OBJECT).build()))
        .isEqualTo(json("{\"type\": \"json_object\"}"));
    assertThat(format(ResponseFormat.newBuilder().setType(ResponseFormat.Type.TYPE_TEXT).build()))
        .isEqualTo(json("{\"type\": \"text\"}"));
    assertThat(format(ResponseFormat.getDefaultInstance()).isMissingNode()).isTrue();
  }

  @Test
  void rejectsImagesOutsideUserMessagesNamingTheField() {
    Message system = Message.newBuilder().setRole(Role.ROLE_SYSTEM)
        .addContent(ContentPart.newBuilder().setText("Look:"))
        .addContent(ContentPart.newBuilder().setImage(ImagePart.newBuilder().setUrl("https://example.com/a.png")))
        .build();

    assertThatThrownBy(() -> writer.chatBody(CompleteRequest.newBuilder().addMessages(system).build(), "m", false))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("messages[0].content[1].image"));
  }

  @Test
  void rejectsImageBytesWithoutAMimeType() {
    Message user = Message.newBuilder().setRole(Role.ROLE_USER)
        .addContent(ContentPart.newBuilder().setImage(ImagePart.newBuilder().setData(ByteString.copyFromUtf8("x"))))
        .build();

    assertThatThrownBy(() -> writer.chatBody(CompleteRequest.newBuilder().addMessages(user).build(), "m", false))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("messages[0].content[0].image.mime_type"));
  }

  @Test
  void rejectsAMessageWithoutARole() {
    Message noRole = Message.newBuilder().addContent(ContentPart.newBuilder().setText("hi")).build();

    assertThatThrownBy(() -> writer.chatBody(CompleteRequest.newBuilder().addMessages(noRole).build(), "m", false))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("messages[0].role"));
  }

  @Test
  void writesTheDocumentedEmbedRequestExactly() {
    EmbedRequest request = EmbedRequest.newBuilder().addInputs("hello").addInputs("goodbye")
        .setInputType(EmbedInputType.EMBED_INPUT_TYPE_CLASSIFICATION).build();

    assertThat(json(writer.embedBody(request, "embed-v4.0"))).isEqualTo(requestFixture("embed-request"));
  }

  @Test
  void sendsTheConfiguredInputTypeWhenTheRequestNamesNoneAndTheOutputDimension() {
    EmbedRequest request = EmbedRequest.newBuilder().addInputs("hello").setDimensions(512).build();

    JsonNode body = json(new CohereRequestWriter("clustering").embedBody(request, "embed-v4.0"));

    assertThat(body.get("input_type").asText()).isEqualTo("clustering");
    assertThat(body.get("output_dimension").asInt()).isEqualTo(512);
    assertThat(json(writer.embedBody(EmbedRequest.newBuilder().addInputs("a").build(), "m")).get("input_type").asText())
        .isEqualTo("search_document");
  }

  @Test
  void rejectsMoreTextsThanOneEmbedCallTakes() {
    EmbedRequest.Builder request = EmbedRequest.newBuilder();
    IntStream.range(0, CohereRequestWriter.MAX_EMBED_TEXTS + 1).forEach(i -> request.addInputs("t" + i));

    assertThatThrownBy(() -> writer.embedBody(request.build(), "m"))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
          assertThat(e.violations().get(0).field()).isEqualTo("inputs");
        });
  }

  private JsonNode toolChoice(ToolChoice.Mode mode) {
    return json(writer.chatBody(withTools().setToolChoice(ToolChoice.newBuilder().setMode(mode)).build(), "m", false));
  }

  private JsonNode format(ResponseFormat format) {
    CompleteRequest request = CompleteRequest.newBuilder().addMessages(text(Role.ROLE_USER, "Hi"))
        .setResponseFormat(format).build();
    return json(writer.chatBody(request, "m", false)).path("response_format");
  }

  private static CompleteRequest.Builder withTools() {
    return CompleteRequest.newBuilder().addMessages(text(Role.ROLE_USER, "Hi"))
        .addTools(Tool.newBuilder().setName("get_weather").setDescription("Weather for a city")
            .setParameters(struct(json("{\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}}}"))))
        .addTools(Tool.newBuilder().setName("now"));
  }

  static Message text(Role role, String text) {
    return Message.newBuilder().setRole(role).addContent(ContentPart.newBuilder().setText(text)).build();
  }
}
