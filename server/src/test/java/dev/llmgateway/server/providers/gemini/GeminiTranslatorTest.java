package dev.llmgateway.server.providers.gemini;

import static dev.llmgateway.server.providers.gemini.GeminiTesting.fixture;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.CountTokensResponse;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.TokenCountMethod;
import dev.llmgateway.v1.ToolCall;
import dev.llmgateway.v1.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GeminiTranslatorTest {
  private final GeminiTranslator translator = GeminiTesting.translator();

  @Test
  void mapsTheRecordedTextAnswerWithThoughtsCountedAsOutput() {
    CompleteResponse response = translate("generate-content-response");

    assertThat(response.getId()).isEqualTo("Un6LacrVMcjUxs0PmJfWoQc");
    assertThat(response.getModel()).isEqualTo("gemini-3-pro-preview");
    assertThat(response.getProvider()).isEqualTo("google");
    assertThat(response.getMessage().getRole()).isEqualTo(Role.ROLE_ASSISTANT);
    assertThat(response.getMessage().getContent(0).getText())
        .isEqualTo("There are **3** r's in strawberry.\n\nHere is the breakdown: st**r**awbe**rr**y.");
    assertThat(response.getMessage().getToolCallsList()).isEmpty();
    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(response.getUpstreamFinishReason()).isEqualTo("STOP");
    assertThat(response.getUsage()).isEqualTo(Usage.newBuilder()
        .setInputTokens(9).setOutputTokens(28 + 244).setTotalTokens(281).setReasoningTokens(244).build());
  }

  @Test
  void mapsTheLegacyAnswerWithoutUsageOrModelVersion() {
    CompleteResponse response = translate("generate-content-response-legacy-safety-ratings");

    assertThat(response.getMessage().getContent(0).getText()).startsWith("```python\n# Example list to be sorted");
    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(response.getId()).isEqualTo("req-1");
    assertThat(response.getModel()).isEqualTo("gemini-2.5-flash");
    assertThat(response.getUsage()).isEqualTo(Usage.getDefaultInstance());
  }

  @Test
  void mapsAFunctionCallToAToolCallWithAGeneratedIdAndToolCallsFinish() {
    CompleteResponse response = translate("generate-content-function-call-response");

    assertThat(response.getMessage().getContentList()).isEmpty();
    ToolCall call = response.getMessage().getToolCalls(0);
    assertThat(call.getId()).isEqualTo("call_0");
    assertThat(call.getName()).isEqualTo("find_theaters");
    assertThat(json(call.getArgumentsJson())).isEqualTo(json("{\"movie\": \"Barbie\", \"location\": \"Mountain View, CA\"}"));
    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_TOOL_CALLS);
    assertThat(response.getUpstreamFinishReason()).isEqualTo("STOP");
  }

  @Test
  void carriesTheThoughtSignatureOfACurrentModelsFunctionCallInItsId() {
    CompleteResponse response = translate("generate-content-function-call-response-current");

    ToolCall call = response.getMessage().getToolCalls(0);
    assertThat(call.getId()).isEqualTo("call_0~ts~EskgCsYgAb4+9vtF7/499YQS2bjZs3xcQI+iAl+ILn29nK1j0Kg6su7QsUUUk3nrAAf"
        + "nS2w5WiVvlcCqu9fAebJ2cvfaEyBahEt5");
    assertThat(GeminiToolCallIds.decode(call.getId()).signature()).startsWith("EskgCsYg").endsWith("BahEt5");
    assertThat(json(call.getArgumentsJson())).isEqualTo(json("{\"location\": \"San Francisco\"}"));
    assertThat(response.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_TOOL_CALLS);
    assertThat(response.getUsage().getOutputTokens()).isEqualTo(15 + 893);
    assertThat(response.getUsage().getTotalTokens()).isEqualTo(937);
  }

  @Test
  void keepsGeminisOwnCallIdAndLeavesThoughtPartsOut() {
    CompleteResponse response = translator.toResponse(json("""
        {"candidates": [{"content": {"role": "model", "parts": [
          {"text": "planning...", "thought": true},
          {"text": "Calling."},
          {"functionCall": {"id": "fc-1", "name": "a"}},
          {"functionCall": {"name": "b", "args": {"x": [1, 2]}}}
        ]}, "finishReason": "STOP"}],
         "usageMetadata": {"promptTokenCount": 100, "cachedContentTokenCount": 60, "toolUsePromptTokenCount": 5,
           "candidatesTokenCount": 7, "totalTokenCount": 112}}
        """), "req-1", "gemini-2.5-flash");

    assertThat(response.getMessage().getContent(0).getText()).isEqualTo("Calling.");
    assertThat(response.getMessage().getToolCallsList()).extracting(ToolCall::getId).containsExactly("fc-1", "call_1");
    assertThat(response.getMessage().getToolCalls(0).getArgumentsJson()).isEqualTo("{}");
    assertThat(response.getUsage()).isEqualTo(Usage.newBuilder()
        .setInputTokens(105).setCachedInputTokens(60).setOutputTokens(7).setTotalTokens(112).build());
  }

  @ParameterizedTest
  @CsvSource({
      "STOP,FINISH_REASON_STOP",
      "MAX_TOKENS,FINISH_REASON_LENGTH",
      "SAFETY,FINISH_REASON_CONTENT_FILTER",
      "RECITATION,FINISH_REASON_CONTENT_FILTER",
      "BLOCKLIST,FINISH_REASON_CONTENT_FILTER",
      "PROHIBITED_CONTENT,FINISH_REASON_CONTENT_FILTER",
      "SPII,FINISH_REASON_CONTENT_FILTER",
      "IMAGE_SAFETY,FINISH_REASON_CONTENT_FILTER",
      "MALFORMED_FUNCTION_CALL,FINISH_REASON_OTHER",
      "LANGUAGE,FINISH_REASON_OTHER",
      "OTHER,FINISH_REASON_OTHER",
      "SOMETHING_NEW,FINISH_REASON_OTHER"})
  void mapsEachFinishReasonKeepingTheRawValue(String reason, FinishReason expected) {
    CompleteResponse response = translator.toResponse(json("{\"candidates\": [{\"finishReason\": \"" + reason
        + "\"}]}"), "req-1", "m");

    assertThat(response.getFinishReason()).isEqualTo(expected);
    assertThat(response.getUpstreamFinishReason()).isEqualTo(reason);
    assertThat(response.getMessage().getContentList()).isEmpty();
  }

  @Test
  void failsWithContentFilteredWhenThePromptWasBlocked() {
    GatewayException e = catchThrowableOfType(GatewayException.class, () -> translator.toResponse(json("""
        {"promptFeedback": {"blockReason": "PROHIBITED_CONTENT"},
         "usageMetadata": {"promptTokenCount": 8, "totalTokenCount": 8}, "modelVersion": "gemini-2.5-flash"}
        """), "req-1", "m"));

    assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_FILTERED);
    assertThat(e.getMessage()).contains("PROHIBITED_CONTENT");
    assertThat(e.provider()).isEqualTo("google");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "[]",
      "{}",
      "{\"candidates\": {}}",
      "{\"candidates\": [{\"content\": {\"parts\": [{\"functionCall\": {\"args\": {}}}]}}]}",
      "{\"candidates\": [{\"content\": {\"parts\": [{\"functionCall\": {\"name\": \"f\", \"args\": [1]}}]}}]}"})
  void failsWithAProtocolErrorOnAMalformedAnswer(String body) {
    GatewayException e = catchThrowableOfType(GatewayException.class,
        () -> translator.toResponse(json(body), "req-1", "m"));

    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
  }

  @Test
  void mapsTheRecordedTokenCountAsAnExactProviderCount() {
    CountTokensResponse count = translator.toCount(json(fixture("count-tokens").bodyText()), "gemini-2.5-flash");

    assertThat(count).isEqualTo(CountTokensResponse.newBuilder().setInputTokens(9).setExact(true)
        .setMethod(TokenCountMethod.TOKEN_COUNT_METHOD_PROVIDER).setProvider("google")
        .setModel("gemini-2.5-flash").build());
  }

  @Test
  void readsAnOmittedTokenTotalAsZeroButRejectsANonNumber() {
    assertThat(translator.toCount(json("{}"), "m").getInputTokens()).isZero();
    assertThat(catchThrowableOfType(GatewayException.class,
        () -> translator.toCount(json("{\"totalTokens\": \"many\"}"), "m")).kind())
        .isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
  }

  private CompleteResponse translate(String stem) {
    return translator.toResponse(json(fixture(stem).bodyText()), "req-1", "gemini-2.5-flash");
  }
}
