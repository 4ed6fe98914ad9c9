package dev.llmgateway.server.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.FieldViolation;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.http.Json;
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
import java.io.IOException;
import okhttp3.RequestBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class OpenAiTranslatorTest {
  private final OpenAiTranslator translator = new OpenAiTranslator("max_tokens");

  @Test
  void writesEveryFieldOfACompleteRequest() throws IOException {
    CompleteRequest request = CompleteRequest.newBuilder()
        .setModel("caller-alias")
        .addMessages(Message.newBuilder().setRole(Role.ROLE_SYSTEM).setName("policy").addContent(text("Be brief.")))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_USER).setName("alice")
            .addContent(text("What is in these images?"))
            .addContent(ContentPart.newBuilder().setImage(ImagePart.newBuilder()
                .setUrl("https://example.com/cat.png").setDetail(ImageDetail.IMAGE_DETAIL_HIGH)))
            .addContent(ContentPart.newBuilder().setImage(ImagePart.newBuilder()
                .setData(ByteString.copyFrom(new byte[] {1, 2, 3})).setMimeType("image/png")
                .setDetail(ImageDetail.IMAGE_DETAIL_LOW))))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_ASSISTANT)
            .addToolCalls(ToolCall.newBuilder().setId("call_1").setName("get_weather")
                .setArgumentsJson("{\"city\":\"Paris\"}")))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_TOOL).setToolCallId("call_1").setName("weather-service")
            .addContent(text("18C and sunny")))
        .addMessages(Message.newBuilder().setRole(Role.ROLE_ASSISTANT).addContent(text("Sunny, 18C.")))
        .addTools(Tool.newBuilder().setName("get_weather").setDescription("Current weather for a city")
            .setParameters(struct("type", string("object"),
                "properties", Value.newBuilder().setStructValue(struct("city",
                    Value.newBuilder().setStructValue(struct("type", string("string"))).build())).build(),
                "required", Value.newBuilder().setListValue(ListValue.newBuilder().addValues(string("city"))).build()))
            .setStrict(true))
        .addTools(Tool.newBuilder().setName("now"))
        .setToolChoice(ToolChoice.newBuilder().setMode(ToolChoice.Mode.MODE_TOOL).setToolName("get_weather"))
        .setResponseFormat(ResponseFormat.newBuilder().setType(ResponseFormat.Type.TYPE_JSON_SCHEMA)
            .setSchemaName("weather").setJsonSchema(struct("type", string("object"))).setStrict(true))
        .setTemperature(0.2)
        .setTopP(0.9)
        .setMaxOutputTokens(256)
        .addStop("END")
        .addStop("STOP")
        .setSeed(42)
        .putMetadata("team", "search")
        .setUser("user-123")
        .build();

    JsonNode body = json(translator.chatBody(request, "gpt-4o-mini-2024-07-18", false));

    assertThat(body).isEqualTo(Json.parse("""
        {
          "model": "gpt-4o-mini-2024-07-18",
          "messages": [
            {"role": "system", "content": "Be brief.", "name": "policy"},
            {"role": "user", "name": "alice", "content": [
              {"type": "text", "text": "What is in these images?"},
              {"type": "image_url", "image_url": {"url": "https://example.com/cat.png", "detail": "high"}},
              {"type": "image_url", "image_url": {"url": "data:image/png;base64,AQID", "detail": "low"}}
            ]},
            {"role": "assistant", "content": null, "tool_calls": [
              {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"city\\":\\"Paris\\"}"}}
            ]},
            {"role": "tool", "tool_call_id": "call_1", "content": "18C and sunny"},
            {"role": "assistant", "content": "Sunny, 18C."}
          ],
          "tools": [
            {"type": "function", "function": {
              "name": "get_weather",
              "description": "Current weather for a city",
              "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
              "strict": true
            }},
            {"type": "function", "function": {"name": "now"}}
          ],
          "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
          "response_format": {"type": "json_schema", "json_schema": {
            "name": "weather", "schema": {"type": "object"}, "strict": true
          }},
          "temperature": 0.2,
          "top_p": 0.9,
          "max_tokens": 256,
          "stop": ["END", "STOP"],
          "seed": 42,
          "user": "user-123"
        }
        """));
  }

  @Test
  void sendsTheUpstreamModelNeverTheCallersName() throws IOException {
    JsonNode body = json(translator.chatBody(minimal().setModel("my-alias").build(), "upstream-7b", false));

    assertThat(body.get("model").asText()).isEqualTo("upstream-7b");
  }

  @Test
  void leavesUnsetOptionsOut() throws IOException {
    JsonNode body = json(translator.chatBody(minimal().build(), "m", false));

    assertThat(body).isEqualTo(Json.parse("""
        {"model": "m", "messages": [{"role": "user", "content": "Hi"}]}
        """));
  }

  @Test
  void asksForUsageWhenStreaming() throws IOException {
    JsonNode body = json(translator.chatBody(minimal().build(), "m", true));

    assertThat(body.get("stream").asBoolean()).isTrue();
    assertThat(body.get("stream_options")).isEqualTo(Json.parse("{\"include_usage\": true}"));
  }

  @Test
  void writesImageBytesAsABase64DataUrl() throws IOException {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, (byte) 0xff};
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(Message.newBuilder().setRole(Role.ROLE_USER)
            .addContent(ContentPart.newBuilder().setImage(ImagePart.newBuilder()
                .setData(ByteString.copyFrom(png)).setMimeType("image/png"))))
        .build();

    JsonNode part = json(translator.chatBody(request, "m", false)).at("/messages/0/content/0");

    assertThat(part.get("type").asText()).isEqualTo("image_url");
    assertThat(part.at("/image_url/url").asText()).isEqualTo("data:image/png;base64,iVBORw0KGgoA/w==");
    assertThat(part.at("/image_url/detail").isMissingNode()).isTrue();
  }

  @Test
  void rejectsImageBytesWithoutAMimeTypeNamingTheField() {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(Message.newBuilder().setRole(Role.ROLE_USER).addContent(text("look"))
            .addContent(ContentPart.newBuilder().setImage(ImagePart.newBuilder()
                .setData(ByteString.copyFrom(new byte[] {1})))))
        .build();

    assertThatThrownBy(() -> translator.chatBody(request, "m", false))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
          assertThat(e.violations()).extracting(FieldViolation::field)
              .containsExactly("messages[0].content[1].image.mime_type");
        });
  }

  @Test
  void rejectsAMessageWithoutARole() {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(Message.newBuilder().addContent(text("hi"))).build();

    assertThatThrownBy(() -> translator.chatBody(request, "m", false))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("messages[0].role"));
  }

  @Test
  void writesTheToolChoiceModesAsStrings() throws IOException {
    assertThat(json(translator.chatBody(minimal().setToolChoice(mode(ToolChoice.Mode.MODE_AUTO)).build(), "m", false))
        .get("tool_choice").asText()).isEqualTo("auto");
    assertThat(json(translator.chatBody(minimal().setToolChoice(mode(ToolChoice.Mode.MODE_NONE)).build(), "m", false))
        .get("tool_choice").asText()).isEqualTo("none");
    assertThat(json(translator.chatBody(minimal().setToolChoice(mode(ToolChoice.Mode.MODE_REQUIRED)).build(), "m",
        false)).get("tool_choice").asText()).isEqualTo("required");
  }

  @Test
  void writesTextAndJsonObjectResponseFormats() throws IOException {
    assertThat(json(translator.chatBody(minimal().setResponseFormat(format(ResponseFormat.Type.TYPE_TEXT)).build(),
        "m", false)).get("response_format")).isEqualTo(Json.parse("{\"type\": \"text\"}"));
    assertThat(json(translator.chatBody(minimal().setResponseFormat(format(ResponseFormat.Type.TYPE_JSON_OBJECT))
        .build(), "m", false)).get("response_format")).isEqualTo(Json.parse("{\"type\": \"json_object\"}"));
  }

  @Test
  void namesTheMaxTokensFieldAsConfigured() throws IOException {
    OpenAiTranslator openAi = new OpenAiTranslator("max_completion_tokens");

    JsonNode body = json(openAi.chatBody(minimal().setMaxOutputTokens(100).build(), "m", false));

    assertThat(body.get("max_completion_tokens").asInt()).isEqualTo(100);
    assertThat(body.has("max_tokens")).isFalse();
  }

  @Test
  void sendsEmptyArgumentsAsAnEmptyObject() throws IOException {
    CompleteRequest request = minimal()
        .addMessages(Message.newBuilder().setRole(Role.ROLE_ASSISTANT)
            .addToolCalls(ToolCall.newBuilder().setId("call_9").setName("now")))
        .build();

    JsonNode body = json(translator.chatBody(request, "m", false));

    assertThat(body.at("/messages/1/tool_calls/0/function/arguments").asText()).isEqualTo("{}");
  }

  @Test
  void writesAnEmbeddingsRequest() throws IOException {
    EmbedRequest request = EmbedRequest.newBuilder()
        .setModel("caller-embed")
        .addInputs("first text")
        .addInputs("second text")
        .setDimensions(256)
        .setInputType(EmbedInputType.EMBED_INPUT_TYPE_SEARCH_QUERY)
        .setUser("user-9")
        .build();

    JsonNode body = json(translator.embeddingsBody(request, "text-embedding-3-small"));

    assertThat(body).isEqualTo(Json.parse("""
        {"model": "text-embedding-3-small", "input": ["first text", "second text"], "dimensions": 256,
         "encoding_format": "float", "user": "user-9"}
        """));
  }

  static JsonNode json(RequestBody body) throws IOException {
    assertThat(body.contentType()).hasToString("application/json");
    Buffer buffer = new Buffer();
    body.writeTo(buffer);
    return Json.parse(buffer.readByteArray());
  }

  private static CompleteRequest.Builder minimal() {
    return CompleteRequest.newBuilder().setModel("caller")
        .addMessages(Message.newBuilder().setRole(Role.ROLE_USER).addContent(text("Hi")));
  }

  private static ContentPart text(String text) {
    return ContentPart.newBuilder().setText(text).build();
  }

  private static ToolChoice mode(ToolChoice.Mode mode) {
    return ToolChoice.newBuilder().setMode(mode).build();
  }

  private static ResponseFormat format(ResponseFormat.Type type) {
    return ResponseFormat.newBuilder().setType(type).build();
  }

  private static Value string(String s) {
    return Value.newBuilder().setStringValue(s).build();
  }

  private static Struct struct(Object... keysAndValues) {
    Struct.Builder struct = Struct.newBuilder();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      struct.putFields((String) keysAndValues[i], (Value) keysAndValues[i + 1]);
    }
    return struct.build();
  }
}
