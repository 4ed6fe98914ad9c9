package dev.llmgateway.server.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.server.testing.WireFixture;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.EmbedResponse;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.ToolCall;
import dev.llmgateway.v1.Usage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiResponseTranslatorTest {
  private final OpenAiResponseTranslator translator =
      new OpenAiResponseTranslator(OpenAiTesting.PROVIDER, OpenAiTesting.errors());
  private final OpenAiEmbeddingsReader embeddings =
      new OpenAiEmbeddingsReader(OpenAiTesting.PROVIDER, OpenAiTesting.errors());

  @Test
  void translatesATextCompletion() throws IOException {
    CompleteResponse response = translator.completion(fixture("chat-completion"), "req-1", "requested");

    assertThat(response.getId()).isEqualTo("chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT");
    assertThat(response.getProvider()).isEqualTo(OpenAiTesting.PROVIDER);
    assertThat(response.getModel()).isEqualTo("gpt-5.4");
    assertThat(response.getMessage().getRole()).isEqualTo(Role.ROLE_ASSISTANT);
    assertThat(response.getMessage().getContentList()).extracting(ContentPart::getText)
        .containsExactly("Hello! How can I assist you today?");
    assertThat(response.getMessage().getToolCallsList()).isEmpty();
    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(response.getUpstreamFinishReason()).isEqualTo("stop");
    assertThat(response.getUsage()).isEqualTo(Usage.newBuilder()
        .setInputTokens(19).setOutputTokens(10).setTotalTokens(29).build());
  }

  @Test
  void translatesToolCallsWithTheirArgumentsText() throws IOException {
    CompleteResponse response = translator.completion(fixture("chat-completion-tool-calls"), "req-1", "requested");

    assertThat(response.getMessage().getContentList()).isEmpty();
    assertThat(response.getMessage().getToolCallsList()).containsExactly(ToolCall.newBuilder()
        .setId("call_abc123")
        .setName("get_current_weather")
        .setArgumentsJson("{\n\"location\": \"Boston, MA\"\n}")
        .build());
    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_TOOL_CALLS);
    assertThat(response.getUpstreamFinishReason()).isEqualTo("tool_calls");
    assertThat(response.getUsage().getTotalTokens()).isEqualTo(99);
  }

  @Test
  void mapsCachedAndReasoningTokens() throws IOException {
    JsonNode root = Json.parse("""
        {"id": "c1", "model": "o3-mini", "choices": [{"index": 0, "message": {"role": "assistant", "content": "4"},
          "finish_reason": "stop"}],
         "usage": {"prompt_tokens": 1200, "completion_tokens": 300, "total_tokens": 1500,
           "prompt_tokens_details": {"cached_tokens": 1024}, "completion_tokens_details": {"reasoning_tokens": 256}}}
        """);

    Usage usage = translator.completion(root, "req-1", "requested").getUsage();

    assertThat(usage).isEqualTo(Usage.newBuilder().setInputTokens(1200).setOutputTokens(300).setTotalTokens(1500)
        .setCachedInputTokens(1024).setReasoningTokens(256).build());
  }

  @Test
  void mapsARefusalToRefusalWithItsTextAsContent() throws IOException {
    JsonNode root = Json.parse("""
        {"id": "c2", "model": "gpt-4o", "choices": [{"index": 0, "message": {"role": "assistant", "content": null,
          "refusal": "I'm sorry, I can't help with that."}, "finish_reason": "stop"}]}
        """);

    CompleteResponse response = translator.completion(root, "req-1", "requested");

    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_REFUSAL);
    assertThat(response.getUpstreamFinishReason()).isEqualTo("stop");
    assertThat(response.getMessage().getContent(0).getText()).isEqualTo("I'm sorry, I can't help with that.");
    assertThat(response.hasUsage()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
      "stop, FINISH_REASON_STOP",
      "length, FINISH_REASON_LENGTH",
      "tool_calls, FINISH_REASON_TOOL_CALLS",
      "function_call, FINISH_REASON_TOOL_CALLS",
      "content_filter, FINISH_REASON_CONTENT_FILTER",
      "eos_token, FINISH_REASON_STOP",
      "stop_sequence, FINISH_REASON_STOP",
      "model_length, FINISH_REASON_OTHER"})
  void mapsFinishReasonsKeepingTheRawValue(String raw, FinishReason expected) throws IOException {
    JsonNode root = Json.parse("{\"choices\": [{\"message\": {\"content\": \"x\"}, \"finish_reason\": \"" + raw + "\"}]}");

    CompleteResponse response = translator.completion(root, "req-1", "requested");

    assertThat(response.getFinishReason()).isEqualTo(expected);
    assertThat(response.getUpstreamFinishReason()).isEqualTo(raw);
  }

  @Test
  void fallsBackToTheRequestIdAndModelWhenTheServerGivesNone() throws IOException {
    JsonNode root = Json.parse("{\"id\": \"\", \"choices\": [{\"message\": {\"content\": \"x\"}, \"finish_reason\": null}]}");

    CompleteResponse response = translator.completion(root, "req-7", "llama3.1:8b");

    assertThat(response.getId()).isEqualTo("req-7");
    assertThat(response.getModel()).isEqualTo("llama3.1:8b");
    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_UNSPECIFIED);
    assertThat(response.getUpstreamFinishReason()).isEmpty();
  }

  @Test
  void rejectsACompletionWithoutChoicesAsAProtocolError() throws IOException {
    JsonNode root = Json.parse("{\"id\": \"c\", \"object\": \"chat.completion\", \"choices\": []}");

    assertThatThrownBy(() -> translator.completion(root, "req-1", "m"))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR));
  }

  @Test
  void rejectsAToolCallWithoutANameAsAProtocolError() throws IOException {
    JsonNode root = Json.parse("""
        {"choices": [{"message": {"tool_calls": [{"id": "x", "type": "function", "function": {"arguments": "{}"}}]}}]}
        """);

    assertThatThrownBy(() -> translator.completion(root, "req-1", "m"))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR));
  }

  @Test
  void listsModelIdsInOrder() throws IOException {
    assertThat(translator.modelIds(fixture("models-list"))).containsExactly("model-id-0", "model-id-1", "model-id-2");
  }

  @Test
  void readsEmbeddingsFromTheByteStream() throws IOException {
    byte[] body = WireFixture.load("openai", "embeddings", "json").body();

    EmbedResponse response = embeddings.read(new ByteArrayInputStream(body), 1, "requested");

    assertThat(response.getModel()).isEqualTo("text-embedding-ada-002");
    assertThat(response.getProvider()).isEqualTo(OpenAiTesting.PROVIDER);
    assertThat(response.getEmbeddingsCount()).isEqualTo(1);
    assertThat(response.getEmbeddings(0).getIndex()).isZero();
    assertThat(response.getEmbeddings(0).getValuesList()).containsExactly(0.0023064255f, -0.009327292f, -0.0028842222f);
    assertThat(response.getUsage()).isEqualTo(Usage.newBuilder().setInputTokens(8).setTotalTokens(8).build());
  }

  @Test
  void ordersEmbeddingsByIndex() throws IOException {
    String body = """
        {"data": [{"index": 1, "embedding": [2.0]}, {"embedding": [1.0, 1.5], "index": 0, "object": "embedding"}],
         "usage": {"prompt_tokens": 4}}
        """;

    EmbedResponse response = embeddings.read(stream(body), 2, "requested");

    assertThat(response.getModel()).isEqualTo("requested");
    assertThat(response.getEmbeddings(0).getValuesList()).containsExactly(1.0f, 1.5f);
    assertThat(response.getEmbeddings(1).getValuesList()).containsExactly(2.0f);
    assertThat(response.getUsage().getTotalTokens()).isEqualTo(4);
  }

  @Test
  void rejectsEmbeddingsThatDoNotMatchTheInputs() {
    String body = "{\"data\": [{\"index\": 0, \"embedding\": [1.0]}]}";

    assertThatThrownBy(() -> embeddings.read(stream(body), 2, "m"))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR));
  }

  @Test
  void rejectsBase64EmbeddingsAsAProtocolError() {
    String body = "{\"data\": [{\"index\": 0, \"embedding\": \"AACAPw==\"}]}";

    assertThatThrownBy(() -> embeddings.read(stream(body), 1, "m"))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR));
  }

  @Test
  void failsOnACutEmbeddingsBody() {
    String body = "{\"data\": [{\"index\": 0, \"embedding\": [1.0, 2.";

    assertThatThrownBy(() -> embeddings.read(stream(body), 1, "m")).isInstanceOf(IOException.class);
  }

  private static JsonNode fixture(String stem) throws IOException {
    return Json.parse(WireFixture.load("openai", stem, "json").body());
  }

  private static ByteArrayInputStream stream(String body) {
    return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
  }
}
