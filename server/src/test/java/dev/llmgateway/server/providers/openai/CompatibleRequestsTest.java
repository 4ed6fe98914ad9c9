package dev.llmgateway.server.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.DiscoveredModel;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.v1.Capability;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Modality;
import dev.llmgateway.v1.ResponseFormat;
import dev.llmgateway.v1.Role;
import java.io.IOException;
import okhttp3.RequestBody;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** Request bodies and server info of the Azure and Hugging Face variants, without HTTP. */
class CompatibleRequestsTest {
  private final OpenAiTranslator openAi = new OpenAiTranslator("max_tokens");
  private final OpenAiTranslator tgi = new OpenAiTranslator("max_tokens", OpenAiResponseFormats.Style.TGI_GRAMMAR);
  private final HuggingFaceInfoReader info = new HuggingFaceInfoReader(OpenAiTesting.errors());

  @Test
  void leavesTheModelOutWhenTheUrlNamesIt() throws IOException {
    JsonNode chat = json(openAi.chatBody(hello(ResponseFormat.getDefaultInstance()), null, true));
    JsonNode embeddings = json(openAi.embeddingsBody(EmbedRequest.newBuilder().addInputs("x").build(), null));

    assertThat(chat.has("model")).isFalse();
    assertThat(chat.get("stream").asBoolean()).isTrue();
    assertThat(embeddings.has("model")).isFalse();
    assertThat(embeddings.get("input").get(0).asText()).isEqualTo("x");
  }

  @Test
  void writesJsonModeAsTheGrammarOfAnyObjectForTgi() throws IOException {
    JsonNode body = json(tgi.chatBody(hello(ResponseFormat.newBuilder()
        .setType(ResponseFormat.Type.TYPE_JSON_OBJECT).build()), "tgi", false));

    assertThat(body.get("response_format")).isEqualTo(Json.parse("{\"type\": \"json\", \"value\": {\"type\": \"object\"}}"));
  }

  @Test
  void writesAJsonSchemaAsTheGrammarValueForTgiAndLeavesPlainTextUnsaid() throws IOException {
    Struct schema = Struct.newBuilder().putFields("type", Value.newBuilder().setStringValue("object").build()).build();

    JsonNode schemaBody = json(tgi.chatBody(hello(ResponseFormat.newBuilder().setType(ResponseFormat.Type.TYPE_JSON_SCHEMA)
        .setSchemaName("answer").setStrict(true).setJsonSchema(schema).build()), "tgi", false));
    JsonNode textBody = json(tgi.chatBody(hello(ResponseFormat.newBuilder().setType(ResponseFormat.Type.TYPE_TEXT)
        .build()), "tgi", false));

    assertThat(schemaBody.get("response_format")).isEqualTo(Json.parse("{\"type\": \"json\", \"value\": {\"type\": \"object\"}}"));
    assertThat(textBody.has("response_format")).isFalse();
  }

  @Test
  void keepsOpenAisResponseFormatForEveryOtherServer() throws IOException {
    JsonNode body = json(openAi.chatBody(hello(ResponseFormat.newBuilder()
        .setType(ResponseFormat.Type.TYPE_JSON_OBJECT).build()), "m", false));

    assertThat(body.get("response_format")).isEqualTo(Json.parse("{\"type\": \"json_object\"}"));
  }

  @Test
  void writesTeisNativeEmbedBody() throws IOException {
    JsonNode plain = json(openAi.teiEmbedBody(EmbedRequest.newBuilder().addInputs("a").addInputs("b").build()));
    JsonNode shortened = json(openAi.teiEmbedBody(EmbedRequest.newBuilder().addInputs("a").setDimensions(256).build()));

    assertThat(plain).isEqualTo(Json.parse("{\"inputs\": [\"a\", \"b\"]}"));
    assertThat(shortened).isEqualTo(Json.parse("{\"inputs\": [\"a\"], \"dimensions\": 256}"));
  }

  @Test
  void readsAVisionLanguageModelFromTgiInfo() throws IOException {
    DiscoveredModel model = info.models(Json.parse("{\"model_id\": \"Qwen/Qwen2-VL-7B-Instruct\","
        + " \"model_pipeline_tag\": \"image-text-to-text\", \"max_input_tokens\": 32767, \"max_total_tokens\": 32768}"))
        .get(0);

    assertThat(model.vendor()).isEqualTo("qwen");
    assertThat(model.capabilities()).contains(Capability.CAPABILITY_VISION, Capability.CAPABILITY_CHAT);
    assertThat(model.inputModalities()).containsExactlyInAnyOrder(Modality.MODALITY_TEXT, Modality.MODALITY_IMAGE);
    assertThat(model.contextWindow()).isEqualTo(32768);
    assertThat(model.maxOutputTokens()).isZero();
  }

  @Test
  void reportsATeiRerankerWithoutCapabilitiesTheGatewayCanUse() throws IOException {
    DiscoveredModel model = info.models(Json.parse("{\"model_id\": \"BAAI/bge-reranker-large\", \"model_type\":"
        + " {\"reranker\": {\"id2label\": {\"0\": \"LABEL_0\"}, \"label2id\": {\"LABEL_0\": 0}}},"
        + " \"max_input_length\": 512}")).get(0);

    assertThat(model.capabilities()).isEmpty();
    assertThat(model.contextWindow()).isEqualTo(512);
    assertThat(model.vendor()).isEqualTo("baai");
  }

  @Test
  void rejectsInfoWithoutAModelId() {
    assertThatThrownBy(() -> info.models(Json.parse("{\"version\": \"3.1.2\"}")))
        .isInstanceOf(GatewayException.class)
        .hasMessageContaining("model_id");
  }

  private static CompleteRequest hello(ResponseFormat format) {
    return CompleteRequest.newBuilder()
        .addMessages(Message.newBuilder().setRole(Role.ROLE_USER).addContent(ContentPart.newBuilder().setText("Hi")))
        .setResponseFormat(format)
        .build();
  }

  private static JsonNode json(RequestBody body) throws IOException {
    Buffer buffer = new Buffer();
    body.writeTo(buffer);
    return Json.parse(buffer.readByteArray());
  }
}
