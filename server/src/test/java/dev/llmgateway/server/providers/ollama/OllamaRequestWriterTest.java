package dev.llmgateway.server.providers.ollama;

import static dev.llmgateway.server.providers.ollama.OllamaTesting.config;
import static dev.llmgateway.server.providers.ollama.OllamaTesting.json;
import static dev.llmgateway.server.providers.ollama.OllamaTesting.struct;
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
import dev.llmgateway.v1.ImagePart;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.ResponseFormat;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.Tool;
import dev.llmgateway.v1.ToolCall;
import dev.llmgateway.v1.ToolChoice;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Checks the JSON bodies written for Ollama's /api/chat and /api/embed, field by field. */
class OllamaRequestWriterTest {
  private final OllamaRequestWriter writer = writer(Map.of());

  @Test
  void writesAPlainChatRequestLikeTheDocumentedOne() {
    CompleteRequest request = CompleteRequest.newBuilder().addMessages(text(Role.ROLE_USER, "why is the sky blue?")).build();

    assertThat(json(writer.chatBody(request, "llama3.2", false))).isEqualTo(json("""
        {"model": "llama3.2", "messages": [{"role": "user", "content": "why is the sky blue?"}], "stream": false}"""));
  }

  @Test
  void writesSamplingSettingsAndConfiguredContextAsOptions() {
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(text(Role.ROLE_SYSTEM, "Be brief.")).addMessages(text(Role.ROLE_USER, "Hi"))
        .setTemperature(0.25).setTopP(0.5).setMaxOutputTokens(128).addStop("\n\n").setSeed(101)
        .setUser("end-user").build();

    JsonNode body = json(writer(Map.of("num-ctx", "8192", "keep-alive", "10m")).chatBody(request, "llama3.2", true));

    assertThat(body).isEqualTo(json("""
        {"model": "llama3.2",
         "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}],
         "options": {"temperature": 0.25, "top_p": 0.5, "num_predict": 128, "stop": ["\\n\\n"], "seed": 101,
                     "num_ctx": 8192},
         "keep_alive": "10m", "stream": true}"""));
  }

  @Test
  void sendsAKeepAliveInSecondsAsANumber() {
    CompleteRequest request = CompleteRequest.newBuilder().addMessages(text(Role.ROLE_USER, "Hi")).build();

    assertThat(json(writer(Map.of("keep-alive", "-1")).chatBody(request, "m", false)).get("keep_alive").isNumber())
        .isTrue();
  }

  @Test
  void joinsTextPartsAndSendsImagesAsBase64() {
    byte[] png = "png-bytes".getBytes(StandardCharsets.UTF_8);
    Message user = Message.newBuilder().setRole(Role.ROLE_USER)
        .addContent(ContentPart.newBuilder().setText("what is in this image?"))
        .addContent(ContentPart.newBuilder().setImage(ImagePart.newBuilder()
            .setData(ByteString.copyFrom(png)).setMimeType("image/png")))
        .addContent(ContentPart.newBuilder().setText("be precise"))
        .addContent(ContentPart.newBuilder().setImage(ImagePart.newBuilder().setUrl("data:image/jpeg;base64,/9j/4AAQ")))
        .build();

    JsonNode body = json(writer.chatBody(CompleteRequest.newBuilder().addMessages(user).build(), "llava", false));

    assertThat(body.at("/messages/0")).isEqualTo(json("""
        {"role": "user", "content": "what is in this image?\\nbe precise", "images": ["cG5nLWJ5dGVz", "/9j/4AAQ"]}"""));
  }

  @Test
  void rejectsAnImageUrlNamingTheField() {
    Message user = Message.newBuilder().setRole(Role.ROLE_USER)
        .addContent(ContentPart.newBuilder().setText("look"))
        .addContent(ContentPart.newBuilder().setImage(ImagePart.newBuilder().setUrl("https://example.com/cat.png")))
        .build();

    assertThatThrownBy(() -> writer.chatBody(CompleteRequest.newBuilder().addMessages(user).build(), "llava", false))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
          assertThat(e.violations().get(0).field()).isEqualTo("messages[0].content[1].image.url");
          assertThat(e.getMessage()).contains("cannot fetch image URLs");
        });
  }

  @Test
  void writesAToolRoundTripWithArgumentObjectsAndTheToolName() {
    Message assistant = Message.newBuilder().setRole(Role.ROLE_ASSISTANT)
        .addToolCalls(ToolCall.newBuilder().setId("call_k3x9q2m7").setName("get_weather")
            .setArgumentsJson("{\"city\": \"Tokyo\"}"))
        .addToolCalls(ToolCall.newBuilder().setName("now"))
        .build();
    Message result = Message.newBuilder().setRole(Role.ROLE_TOOL).setToolCallId("call_k3x9q2m7")
        .addContent(ContentPart.newBuilder().setText("22°C")).build();
    CompleteRequest request = CompleteRequest.newBuilder()
        .addMessages(text(Role.ROLE_USER, "Weather in Tokyo?")).addMessages(assistant).addMessages(result)
        .addTools(Tool.newBuilder().setName("get_weather").setDescription("Weather for a city")
            .setParameters(struct(json("{\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\"}}}"))))
        .build();

    JsonNode body = json(writer.chatBody(request, "llama3.2", true));

    assertThat(body.get("messages")).isEqualTo(json("""
        [{"role": "user", "content": "Weather in Tokyo?"},
         {"role": "assistant", "content": "", "tool_calls": [
           {"id": "call_k3x9q2m7", "type": "function",
            "function": {"index": 0, "name": "get_weather", "arguments": {"city": "Tokyo"}}},
           {"type": "function", "function": {"index": 1, "name": "now", "arguments": {}}}]},
         {"role": "tool", "content": "22°C", "tool_name": "get_weather", "tool_call_id": "call_k3x9q2m7"}]"""));
    assertThat(body.get("tools")).isEqualTo(json("""
        [{"type": "function", "function": {"name": "get_weather", "description": "Weather for a city",
          "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}]"""));
  }

  @Test
  void rejectsToolCallArgumentsThatAreNotAJsonObject() {
    Message assistant = Message.newBuilder().setRole(Role.ROLE_ASSISTANT)
        .addToolCalls(ToolCall.newBuilder().setId("c1").setName("f").setArgumentsJson("[1, 2]")).build();

    assertThatThrownBy(() -> writer.chatBody(CompleteRequest.newBuilder().addMessages(assistant).build(), "m", false))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("messages[0].tool_calls[0].arguments_json"));
  }

  @Test
  void keepsToolChoiceNoneByOfferingNoTools() {
    CompleteRequest request = withTool().setToolChoice(ToolChoice.newBuilder().setMode(ToolChoice.Mode.MODE_NONE)).build();

    assertThat(json(writer.chatBody(request, "m", false)).has("tools")).isFalse();
    assertThat(json(writer.chatBody(withTool().build(), "m", false)).get("tools")).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(value = ToolChoice.Mode.class, names = {"MODE_REQUIRED", "MODE_TOOL"})
  void rejectsAToolChoiceOllamaCannotEnforce(ToolChoice.Mode mode) {
    CompleteRequest request = withTool()
        .setToolChoice(ToolChoice.newBuilder().setMode(mode).setToolName("get_weather")).build();

    assertThatThrownBy(() -> writer.chatBody(request, "m", false))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.violations().get(0).field()).isEqualTo("tool_choice.mode"));
  }

  @Test
  void writesJsonModeAsTheStringJsonAndASchemaAsTheFormatObject() {
    ResponseFormat schema = ResponseFormat.newBuilder().setType(ResponseFormat.Type.TYPE_JSON_SCHEMA)
        .setSchemaName("age").setJsonSchema(struct(json("""
            {"type": "object", "properties": {"age": {"type": "integer"}}, "required": ["age"]}"""))).build();

    assertThat(format(ResponseFormat.newBuilder().setType(ResponseFormat.Type.TYPE_JSON_OBJECT).build()))
        .isEqualTo(json("\"json\""));
    assertThat(format(schema)).isEqualTo(json("""
        {"type": "object", "properties": {"age": {"type": "integer"}}, "required": ["age"]}"""));
    assertThat(format(ResponseFormat.newBuilder().setType(ResponseFormat.Type.TYPE_TEXT).build()).isMissingNode())
        .isTrue();
  }

  @Test
  void writesTheEmbedRequestWithoutSilentTruncationByDefault() {
    EmbedRequest request = EmbedRequest.newBuilder().addInputs("Why is the sky blue?").addInputs("Why is grass green?")
        .setDimensions(256).setInputType(EmbedInputType.EMBED_INPUT_TYPE_SEARCH_QUERY).build();

    assertThat(json(writer.embedBody(request, "all-minilm"))).isEqualTo(json("""
        {"model": "all-minilm", "input": ["Why is the sky blue?", "Why is grass green?"], "dimensions": 256,
         "truncate": false}"""));
    assertThat(json(writer(Map.of("truncate-embed-inputs", "true", "num-ctx", "2048"))
        .embedBody(EmbedRequest.newBuilder().addInputs("a").build(), "m"))).isEqualTo(json("""
        {"model": "m", "input": ["a"], "truncate": true, "options": {"num_ctx": 2048}}"""));
  }

  private JsonNode format(ResponseFormat format) {
    CompleteRequest request = CompleteRequest.newBuilder().addMessages(text(Role.ROLE_USER, "Hi"))
        .setResponseFormat(format).build();
    return json(writer.chatBody(request, "m", false)).path("format");
  }

  private static CompleteRequest.Builder withTool() {
    return CompleteRequest.newBuilder().addMessages(text(Role.ROLE_USER, "Hi"))
        .addTools(Tool.newBuilder().setName("get_weather"));
  }

  private static OllamaRequestWriter writer(Map<String, String> options) {
    return new OllamaRequestWriter(OllamaSettings.from(config("", options)));
  }

  static Message text(Role role, String text) {
    return Message.newBuilder().setRole(role).addContent(ContentPart.newBuilder().setText(text)).build();
  }
}
