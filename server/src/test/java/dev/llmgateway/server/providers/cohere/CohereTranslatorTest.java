package dev.llmgateway.server.providers.cohere;

import static dev.llmgateway.server.providers.cohere.CohereTesting.PROVIDER;
import static dev.llmgateway.server.providers.cohere.CohereTesting.errors;
import static dev.llmgateway.server.providers.cohere.CohereTesting.fixture;
import static dev.llmgateway.server.providers.cohere.CohereTesting.json;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Translates recorded Cohere answers without HTTP. */
class CohereTranslatorTest {
  private final CohereTranslator translator = new CohereTranslator(PROVIDER, errors());

  @Test
  void mapsTheRecordedTextAnswerWithTokenCountsNotBilledUnits() {
    CompleteResponse response =
        translator.completion(json(fixture("chat-response").bodyText()), "req-1", "command-a-03-2025");

    assertThat(response.getId()).isEqualTo("c14c80c3-18eb-4519-9460-6c92edd8cfb4");
    assertThat(response.getMessage().getContent(0).getText())
        .startsWith("LLMs stand for Large Language Models").endsWith("in various domains.");
    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(response.getUpstreamFinishReason()).isEqualTo("COMPLETE");
    assertThat(response.getUsage()).isEqualTo(Usage.newBuilder()
        .setInputTokens(71).setOutputTokens(418).setTotalTokens(489).build());
    assertThat(response.getProvider()).isEqualTo(PROVIDER);
    assertThat(response.getModel()).isEqualTo("command-a-03-2025");
  }

  @Test
  void mapsTheRecordedToolCallsAndLeavesThinkingOutOfTheText() {
    CompleteResponse response =
        translator.completion(json(fixture("chat-response-tool-calls").bodyText()), "req-1", "command-a-03-2025");

    assertThat(response.getMessage().getContentList()).isEmpty();
    assertThat(response.getMessage().getToolCallsList()).containsExactly(
        ToolCall.newBuilder().setId("query_daily_sales_report_hgxxmkby3wta").setName("query_daily_sales_report")
            .setArgumentsJson("{\"day\": \"2023-09-29\"}").build(),
        ToolCall.newBuilder().setId("query_product_catalog_rpg0z5h8yyz2").setName("query_product_catalog")
            .setArgumentsJson("{\"category\": \"Electronics\"}").build());
    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_TOOL_CALLS);
    assertThat(response.getUpstreamFinishReason()).isEqualTo("TOOL_CALL");
    assertThat(response.getUsage().getInputTokens()).isEqualTo(1032);
    assertThat(response.getUsage().getOutputTokens()).isEqualTo(124);
  }

  @Test
  void putsTheToolPlanAheadOfTheTextAndCountsCachedTokens() {
    CompleteResponse response = translator.completion(json("""
        {"id": "x", "finish_reason": "TOOL_CALL",
         "message": {"role": "assistant", "tool_plan": "I will search.",
           "tool_calls": [{"id": "s1", "type": "function", "function": {"name": "search", "arguments": "{}"}}]},
         "usage": {"tokens": {"input_tokens": 100.0, "output_tokens": 7.0}, "cached_tokens": 64}}"""), "r", "m");

    assertThat(response.getMessage().getContent(0).getText()).isEqualTo("I will search.");
    assertThat(response.getUsage()).isEqualTo(Usage.newBuilder().setInputTokens(100).setOutputTokens(7)
        .setTotalTokens(107).setCachedInputTokens(64).build());
  }

  @ParameterizedTest
  @CsvSource({"COMPLETE,FINISH_REASON_STOP", "STOP_SEQUENCE,FINISH_REASON_STOP", "MAX_TOKENS,FINISH_REASON_LENGTH",
      "TOOL_CALL,FINISH_REASON_TOOL_CALLS", "SOMETHING_NEW,FINISH_REASON_OTHER"})
  void mapsEveryDocumentedFinishReason(String upstream, FinishReason expected) {
    CompleteResponse response = translator.completion(json("{\"id\": \"x\", \"finish_reason\": \"" + upstream
        + "\", \"message\": {\"role\": \"assistant\", \"content\": [{\"type\": \"text\", \"text\": \"hi\"}]}}"), "r", "m");

    assertThat(response.getFinishReason()).isEqualTo(expected);
    assertThat(response.getUpstreamFinishReason()).isEqualTo(upstream);
  }

  @ParameterizedTest
  @CsvSource({"ERROR,PROVIDER_UNAVAILABLE", "TIMEOUT,PROVIDER_TIMEOUT"})
  void failsAGenerationThatCohereEndedInError(String upstream, ErrorKind kind) {
    assertThatThrownBy(() -> translator.completion(json("{\"id\": \"x\", \"finish_reason\": \"" + upstream
        + "\", \"message\": {\"role\": \"assistant\", \"content\": [{\"type\": \"text\", \"text\": \"par\"}]}}"), "r", "m"))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.kind()).isEqualTo(kind);
          assertThat(e.getMessage()).contains(upstream);
        });
  }

  @Test
  void rejectsAnAnswerWithoutAMessageAsAProtocolError() {
    assertThatThrownBy(() -> translator.completion(json("{\"id\": \"x\", \"finish_reason\": \"COMPLETE\"}"), "r", "m"))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR));
  }

  @Test
  void mapsListedModelsByEndpointAndSkipsThoseTheGatewayCannotServe() {
    List<DiscoveredModel> models = new ArrayList<>();

    String next = translator.modelPage(json("""
        {"models": [
          {"name": "command-a-03-2025", "endpoints": ["generate", "chat", "summarize"], "finetuned": false,
           "context_length": 256000, "features": ["tools", "strict_tools", "json_mode", "json_schema"]},
          {"name": "command-a-vision-07-2025", "endpoints": ["chat"], "context_length": 128000.0, "supports_vision": true},
          {"name": "embed-v4.0", "endpoints": ["embed"], "context_length": 128000},
          {"name": "rerank-v3.5", "endpoints": ["rerank"], "context_length": 4096}],
         "next_page_token": "page-2"}"""), models);

    assertThat(next).isEqualTo("page-2");
    assertThat(models).extracting(DiscoveredModel::id)
        .containsExactly("command-a-03-2025", "command-a-vision-07-2025", "embed-v4.0");
    assertThat(models).allMatch(m -> m.vendor().equals("cohere"));
    DiscoveredModel command = models.get(0);
    assertThat(command.capabilities()).containsExactlyInAnyOrder(Capability.CAPABILITY_CHAT,
        Capability.CAPABILITY_STREAMING, Capability.CAPABILITY_TOOLS, Capability.CAPABILITY_JSON_OUTPUT);
    assertThat(command.contextWindow()).isEqualTo(256000);
    assertThat(models.get(1).capabilities()).contains(Capability.CAPABILITY_VISION)
        .doesNotContain(Capability.CAPABILITY_TOOLS);
    assertThat(models.get(1).inputModalities()).containsExactlyInAnyOrder(Modality.MODALITY_TEXT, Modality.MODALITY_IMAGE);
    assertThat(models.get(2).capabilities()).containsExactly(Capability.CAPABILITY_EMBEDDINGS);
    assertThat(models.get(2).outputModalities()).containsExactly(Modality.MODALITY_EMBEDDING);
  }

  @Test
  void returnsNoNextPageOnTheLastPage() {
    assertThat(translator.modelPage(json("{\"models\": []}"), new ArrayList<>())).isNull();
    assertThat(translator.modelPage(json("{\"models\": [], \"next_page_token\": \"\"}"), new ArrayList<>())).isNull();
  }

  @Test
  void rejectsAModelListWithoutModels() {
    assertThatThrownBy(() -> translator.modelPage(json("{\"data\": []}"), new ArrayList<>()))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR));
  }
}
