package dev.llmgateway.server.providers.ollama;

import static dev.llmgateway.server.providers.ollama.OllamaTesting.PROVIDER;
import static dev.llmgateway.server.providers.ollama.OllamaTesting.errors;
import static dev.llmgateway.server.providers.ollama.OllamaTesting.fixture;
import static dev.llmgateway.server.providers.ollama.OllamaTesting.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.DiscoveredModel;
import dev.llmgateway.v1.Capability;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.Modality;
import dev.llmgateway.v1.ToolCall;
import dev.llmgateway.v1.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Translates recorded Ollama answers without HTTP. */
class OllamaTranslatorTest {
  private final OllamaTranslator translator = new OllamaTranslator(PROVIDER, errors());

  @Test
  void mapsTheRecordedAnswerWithPromptAndEvalCountsAsUsage() {
    CompleteResponse response = translator.completion(json(fixture("chat-response").bodyText()), "req-1", "llama3.2");

    assertThat(response.getId()).isEqualTo("req-1");
    assertThat(response.getMessage().getContent(0).getText()).isEqualTo("Hello! How are you today?");
    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(response.getUpstreamFinishReason()).isEqualTo("stop");
    assertThat(response.getUsage()).isEqualTo(Usage.newBuilder().setInputTokens(26).setOutputTokens(298)
        .setTotalTokens(324).build());
    assertThat(response.getProvider()).isEqualTo(PROVIDER);
    assertThat(response.getModel()).isEqualTo("llama3.2");
  }

  @Test
  void mapsWholeToolCallsAndReportsThemAsTheFinishReason() {
    CompleteResponse response = translator.completion(json("""
        {"model": "llama3.2", "message": {"role": "assistant", "content": "", "thinking": "let me see",
          "tool_calls": [{"function": {"name": "get_current_weather",
                                       "arguments": {"format": "celsius", "location": "Paris, FR"}}},
                         {"id": "call_ab12cd34", "function": {"index": 1, "name": "now", "arguments": {}}}]},
         "done_reason": "stop", "done": true, "prompt_eval_count": 122, "eval_count": 33}"""), "req-1", "m");

    assertThat(response.getMessage().getContentList()).isEmpty();
    assertThat(response.getMessage().getToolCallsList()).containsExactly(
        ToolCall.newBuilder().setId("call_0").setName("get_current_weather")
            .setArgumentsJson("{\"format\":\"celsius\",\"location\":\"Paris, FR\"}").build(),
        ToolCall.newBuilder().setId("call_ab12cd34").setName("now").setArgumentsJson("{}").build());
    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_TOOL_CALLS);
    assertThat(response.getUpstreamFinishReason()).isEqualTo("stop");
  }

  @ParameterizedTest
  @CsvSource({"stop,FINISH_REASON_STOP", "length,FINISH_REASON_LENGTH", "load,FINISH_REASON_OTHER",
      "unload,FINISH_REASON_OTHER"})
  void mapsEveryDoneReason(String doneReason, FinishReason expected) {
    CompleteResponse response = translator.completion(json("{\"model\": \"m\", \"message\": {\"role\": \"assistant\","
        + " \"content\": \"x\"}, \"done\": true, \"done_reason\": \"" + doneReason + "\"}"), "r", "m");

    assertThat(response.getFinishReason()).isEqualTo(expected);
  }

  @Test
  void treatsAbsentMetricsAsZero() {
    CompleteResponse response = translator.completion(
        json("{\"model\": \"m\", \"message\": {\"role\": \"assistant\", \"content\": \"x\"}, \"done\": true}"), "r", "m");

    assertThat(response.getUsage()).isEqualTo(Usage.getDefaultInstance());
    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_UNSPECIFIED);
  }

  @Test
  void rejectsAnAnswerThatIsNotDoneOrHasNoMessage() {
    assertThatThrownBy(() -> translator.completion(json("{\"model\": \"m\", \"done\": true}"), "r", "m"))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR));
    assertThatThrownBy(() -> translator.completion(
        json("{\"model\": \"m\", \"message\": {\"content\": \"x\"}, \"done\": false}"), "r", "m"))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR));
  }

  @Test
  void listsTheRecordedLocalModelsWithoutGuessingVendorOrCapabilities() {
    List<DiscoveredModel> models = translator.models(json(fixture("tags").bodyText()));

    assertThat(models).extracting(DiscoveredModel::id).containsExactly("deepseek-r1:latest", "llama3.2:latest");
    // deepseek-r1 reports family qwen2: the family is the architecture, not who made the model.
    assertThat(models).allSatisfy(m -> {
      assertThat(m.vendor()).isEmpty();
      assertThat(m.capabilities()).isEmpty();
      assertThat(m.contextWindow()).isZero();
    });
  }

  @Test
  void takesCapabilitiesWhereTheServerReportsThem() {
    List<DiscoveredModel> models = translator.models(json("""
        {"models": [
          {"name": "gemma3:4b", "model": "gemma3:4b", "capabilities": ["completion", "vision"]},
          {"name": "qwen3:8b", "model": "qwen3:8b", "capabilities": ["completion", "tools", "thinking"]},
          {"name": "all-minilm:latest", "model": "all-minilm:latest", "capabilities": ["embedding"]}]}"""));

    assertThat(models.get(0).capabilities()).containsExactlyInAnyOrder(Capability.CAPABILITY_CHAT,
        Capability.CAPABILITY_STREAMING, Capability.CAPABILITY_JSON_OUTPUT, Capability.CAPABILITY_VISION);
    assertThat(models.get(0).inputModalities()).containsExactlyInAnyOrder(Modality.MODALITY_TEXT, Modality.MODALITY_IMAGE);
    assertThat(models.get(1).capabilities()).contains(Capability.CAPABILITY_TOOLS);
    assertThat(models.get(2).capabilities()).containsExactly(Capability.CAPABILITY_EMBEDDINGS);
    assertThat(models.get(2).outputModalities()).containsExactly(Modality.MODALITY_EMBEDDING);
  }

  @Test
  void rejectsATagListWithoutModels() {
    assertThatThrownBy(() -> translator.models(json("{\"data\": []}")))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR));
  }
}
