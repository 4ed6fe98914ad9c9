package dev.llmgateway.server.providers.anthropic;

import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.fixture;
import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.CountTokensResponse;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.TokenCountMethod;
import dev.llmgateway.v1.ToolCall;
import dev.llmgateway.v1.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AnthropicTranslatorTest {
  private final AnthropicTranslator translator = AnthropicTesting.translator();

  @Test
  void mapsATextMessage() {
    CompleteResponse response = map(fixture("message-text").bodyText());

    assertThat(response.getId()).isEqualTo("msg_01MkoP42QB7TUf5m2NVVK2kE");
    assertThat(response.getProvider()).isEqualTo("claude");
    assertThat(response.getModel()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(response.getMessage().getRole()).isEqualTo(Role.ROLE_ASSISTANT);
    assertThat(response.getMessage().getContentList()).extracting(ContentPart::getText)
        .containsExactly("{\"product_name\": \"Green Tea\", \"price\": 5.50, \"quantity\": 2}");
    assertThat(response.getMessage().getToolCallsList()).isEmpty();
    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(response.getUpstreamFinishReason()).isEqualTo("end_turn");
    assertThat(response.getUsage()).isEqualTo(Usage.newBuilder()
        .setInputTokens(249).setOutputTokens(26).setTotalTokens(275).build());
  }

  @Test
  void mapsToolUseBlocksToToolCallsWithTheInputAsJsonText() {
    CompleteResponse response = map(fixture("message-tool-use").bodyText());

    assertThat(response.getMessage().getContentList()).extracting(ContentPart::getText).containsExactly(
        "I'll get the weather for each of those cities. Let me start by checking San Francisco.");
    assertThat(response.getMessage().getToolCallsList()).hasSize(1);
    ToolCall call = response.getMessage().getToolCalls(0);
    assertThat(call.getId()).isEqualTo("toolu_01LRanfq6DmHn1yDTB4d1SAh");
    assertThat(call.getName()).isEqualTo("get_weather");
    assertThat(json(call.getArgumentsJson())).isEqualTo(json("{\"location\":\"San Francisco, CA\",\"units\":\"f\"}"));
    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_TOOL_CALLS);
    assertThat(response.getUpstreamFinishReason()).isEqualTo("tool_use");
    assertThat(response.getUsage().getTotalTokens()).isEqualTo(701 + 93);
  }

  @Test
  void joinsTextBlocksAndLeavesOutThinkingBlocks() {
    CompleteResponse response = map("""
        {"id": "msg_1", "model": "claude-opus-4-1", "type": "message", "role": "assistant",
         "content": [
           {"type": "thinking", "thinking": "Let me think", "signature": "sig"},
           {"type": "text", "text": "Hello, "},
           {"type": "text", "text": "world"}],
         "stop_reason": "end_turn", "usage": {"input_tokens": 3, "output_tokens": 4}}
        """);

    assertThat(response.getMessage().getContentList()).extracting(ContentPart::getText)
        .containsExactly("Hello, world");
  }

  @Test
  void countsCacheReadsAndWritesIntoInputTokens() {
    CompleteResponse response = map("""
        {"id": "msg_1", "model": "m", "content": [], "stop_reason": "end_turn",
         "usage": {"input_tokens": 10, "cache_read_input_tokens": 200, "cache_creation_input_tokens": 30,
                   "output_tokens": 7}}
        """);

    assertThat(response.getUsage()).isEqualTo(Usage.newBuilder()
        .setInputTokens(240).setCachedInputTokens(200).setCacheWriteInputTokens(30)
        .setOutputTokens(7).setTotalTokens(247).build());
    assertThat(response.getMessage().getContentList()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "end_turn,FINISH_REASON_STOP",
      "stop_sequence,FINISH_REASON_STOP",
      "max_tokens,FINISH_REASON_LENGTH",
      "model_context_window_exceeded,FINISH_REASON_LENGTH",
      "tool_use,FINISH_REASON_TOOL_CALLS",
      "refusal,FINISH_REASON_REFUSAL",
      "pause_turn,FINISH_REASON_OTHER",
      "something_new,FINISH_REASON_OTHER"})
  void mapsStopReasons(String stopReason, FinishReason expected) {
    assertThat(AnthropicTranslator.finishReason(stopReason)).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullSource
  void mapsAMissingStopReasonToUnspecified(String stopReason) {
    assertThat(AnthropicTranslator.finishReason(stopReason)).isEqualTo(FinishReason.FINISH_REASON_UNSPECIFIED);
  }

  @Test
  void keepsTheRawStopReason() {
    CompleteResponse response = map("""
        {"id": "msg_1", "model": "m", "content": [], "stop_reason": "pause_turn", "usage": {}}
        """);

    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_OTHER);
    assertThat(response.getUpstreamFinishReason()).isEqualTo("pause_turn");
  }

  @Test
  void rejectsAMessageWithoutContentAsAProtocolError() {
    GatewayException e = catchThrowableOfType(GatewayException.class,
        () -> map("{\"id\": \"msg_1\", \"type\": \"message\"}"));

    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
    assertThat(e.provider()).isEqualTo("claude");
  }

  @Test
  void rejectsAToolUseBlockWithoutAnIdAsAProtocolError() {
    GatewayException e = catchThrowableOfType(GatewayException.class, () -> map("""
        {"id": "msg_1", "content": [{"type": "tool_use", "name": "f", "input": {}}]}
        """));

    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
  }

  @Test
  void namesTheRequestedModelWhenTheAnswerDoesNot() {
    CompleteResponse response = map("""
        {"id": "msg_1", "content": [{"type": "text", "text": "Hi"}], "stop_reason": "end_turn", "usage": {}}
        """);

    assertThat(response.getModel()).isEqualTo("claude-requested");
  }

  @Test
  void readsModelIdsFromAModelsPage() {
    assertThat(translator.modelIds(json("""
        {"data": [{"id": "claude-opus-4-1", "type": "model"}, {"id": "claude-haiku-4-5", "type": "model"}],
         "has_more": false, "first_id": "claude-opus-4-1", "last_id": "claude-haiku-4-5"}
        """))).containsExactly("claude-opus-4-1", "claude-haiku-4-5");
  }

  @Test
  void mapsTheRecordedCountToAnExactProviderCount() {
    CountTokensResponse count = translator.toCount(json(fixture("count-tokens").bodyText()), "claude-sonnet-4-5");

    assertThat(count).isEqualTo(CountTokensResponse.newBuilder()
        .setInputTokens(403)
        .setExact(true)
        .setMethod(TokenCountMethod.TOKEN_COUNT_METHOD_PROVIDER)
        .setProvider("claude")
        .setModel("claude-sonnet-4-5")
        .build());
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "{\"input_tokens\": \"403\"}", "{\"input_tokens\": -1}",
      "{\"input_tokens\": 4.5}", "{\"input_tokens\": null}", "[403]"})
  void rejectsACountWithoutAWholeNumberAsAProtocolError(String body) {
    GatewayException e = catchThrowableOfType(GatewayException.class,
        () -> translator.toCount(json(body), "claude-sonnet-4-5"));

    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
    assertThat(e.provider()).isEqualTo("claude");
  }

  private CompleteResponse map(String body) {
    return translator.toResponse(json(body), "claude-requested");
  }
}
