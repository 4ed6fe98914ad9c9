package dev.llmgateway.server.providers.gemini;

import static dev.llmgateway.server.providers.gemini.GeminiTesting.fixture;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.json;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.sseData;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.ToolCallDelta;
import dev.llmgateway.v1.Usage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Feeds the translator the recorded stream events directly, without HTTP. */
class GeminiStreamTranslatorTest {
  private final GeminiStreamTranslator translator =
      GeminiTesting.translator().newStream("req-1", "gemini-2.5-flash");

  @Test
  void translatesTheRecordedTextStream() {
    List<CompleteStreamResponse> chunks = translateAll("stream-generate-content");

    assertThat(chunks).hasSize(3);
    CompleteStreamResponse first = chunks.get(0);
    assertThat(first.getId()).isEqualTo("bH6LaZW8Fp_3nsEPqtaSwQ4");
    assertThat(first.getProvider()).isEqualTo("google");
    assertThat(first.getModel()).isEqualTo("gemini-3-pro-preview");
    assertThat(first.getTextDelta()).isEqualTo("There are **3**");
    assertThat(chunks.subList(1, 3)).allMatch(c -> c.getProvider().isEmpty() && c.getModel().isEmpty());
    assertThat(chunks).allMatch(c -> c.getId().equals("bH6LaZW8Fp_3nsEPqtaSwQ4"));
    assertThat(text(chunks)).isEqualTo("There are **3** \"r\"s in strawberry.\n\nst**r**awbe**rr**y");
    CompleteStreamResponse last = chunks.get(2);
    assertThat(last.getTextDelta()).isEmpty();
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(last.getUpstreamFinishReason()).isEqualTo("STOP");
    assertThat(last.getUsage()).isEqualTo(Usage.newBuilder()
        .setInputTokens(9).setOutputTokens(23 + 185).setTotalTokens(217).setReasoningTokens(185).build());
    assertThat(chunks.subList(0, 2)).allMatch(c -> c.getFinishReason() == FinishReason.FINISH_REASON_UNSPECIFIED
        && !c.hasUsage());
  }

  @Test
  void translatesTheRecordedFunctionCallStreamIntoOneWholeToolCallDelta() {
    List<CompleteStreamResponse> chunks = translateAll("stream-generate-content-function-call");

    assertThat(chunks).hasSize(2);
    ToolCallDelta delta = chunks.get(0).getToolCallDeltas(0);
    assertThat(delta.getIndex()).isZero();
    assertThat(delta.getName()).isEqualTo("weather");
    assertThat(delta.getId()).startsWith("call_0~ts~EqUCCqICAb4+").endsWith("HTVazr1bEnpl4bPG5JUtm2yAMkHj4=");
    assertThat(json(delta.getArgumentsJsonDelta())).isEqualTo(json("{\"location\": \"San Francisco\"}"));
    assertThat(chunks.get(0).getModel()).isEqualTo("gemini-3-pro-preview");
    CompleteStreamResponse last = chunks.get(1);
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_TOOL_CALLS);
    assertThat(last.getUpstreamFinishReason()).isEqualTo("STOP");
    assertThat(last.getUsage().getTotalTokens()).isEqualTo(89);
  }

  @Test
  void keepsReadingAfterAnEarlyFinishReasonAndReportsTheLastOne() {
    // Older models put STOP on every event; only the end of the body ends the answer.
    assertThat(translator.onEvent("{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"a\"}]},"
        + " \"finishReason\": \"STOP\"}]}").getTextDelta()).isEqualTo("a");
    assertThat(translator.onEvent("{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"b\"}]},"
        + " \"finishReason\": \"MAX_TOKENS\"}], \"usageMetadata\": {\"promptTokenCount\": 3,"
        + " \"candidatesTokenCount\": 2}}").getTextDelta()).isEqualTo("b");

    CompleteStreamResponse last = translator.finish();

    assertThat(last.getId()).isEqualTo("req-1");
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_LENGTH);
    assertThat(last.getUsage().getTotalTokens()).isEqualTo(5);
  }

  @Test
  void numbersToolCallsAcrossEvents() {
    translator.onEvent("{\"candidates\": [{\"content\": {\"parts\": [{\"functionCall\": {\"name\": \"a\"}}]}}]}");
    CompleteStreamResponse second = translator.onEvent("{\"candidates\": [{\"content\": {\"parts\": ["
        + "{\"functionCall\": {\"name\": \"b\", \"args\": {}}}, {\"functionCall\": {\"name\": \"c\"}}]}}]}");

    assertThat(second.getToolCallDeltasList()).extracting(ToolCallDelta::getIndex).containsExactly(1, 2);
    assertThat(second.getToolCallDeltasList()).extracting(ToolCallDelta::getId).containsExactly("call_1", "call_2");
  }

  @Test
  void forwardsNothingForAnEventWithoutNewsAfterTheFirst() {
    translator.onEvent("{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"Hi\"}]}}]}");

    assertThat(translator.onEvent("{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"\"}]}}],"
        + " \"usageMetadata\": {\"promptTokenCount\": 1}}")).isNull();
  }

  @Test
  void failsAsTruncatedWhenTheBodyEndsWithoutAFinishReason() {
    List<String> events = sseData(fixture("stream-generate-content").bodyText());
    translator.onEvent(events.get(0));
    translator.onEvent(events.get(1));

    GatewayException e = catchThrowableOfType(GatewayException.class, translator::finish);

    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(e.getMessage()).contains("before the answer was complete");
  }

  @Test
  void failsAsTruncatedWhenTheBodyHeldNoEventAtAll() {
    assertThat(catchThrowableOfType(GatewayException.class, translator::finish).kind())
        .isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
  }

  @Test
  void classifiesAnErrorObjectInsideTheStream() {
    GatewayException e = catchThrowableOfType(GatewayException.class, () -> translator.onEvent(
        "{\"error\": {\"code\": 503, \"message\": \"The model is overloaded.\", \"status\": \"UNAVAILABLE\"}}"));

    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(e.upstreamStatus()).isZero();
  }

  @Test
  void failsWithContentFilteredWhenThePromptWasBlocked() {
    GatewayException e = catchThrowableOfType(GatewayException.class, () -> translator.onEvent(
        "{\"promptFeedback\": {\"blockReason\": \"SAFETY\"}, \"usageMetadata\": {\"promptTokenCount\": 4}}"));

    assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_FILTERED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"cut", "[1, 2]", "42",
      "{\"candidates\": \"none\"}"})
  void failsWithAProtocolErrorOnAMalformedEvent(String data) {
    GatewayException e = catchThrowableOfType(GatewayException.class, () -> translator.onEvent(data));

    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
  }

  private List<CompleteStreamResponse> translateAll(String stem) {
    List<CompleteStreamResponse> chunks = new ArrayList<>();
    for (String event : sseData(fixture(stem).bodyText())) {
      CompleteStreamResponse chunk = translator.onEvent(event);
      if (chunk != null) {
        chunks.add(chunk);
      }
    }
    chunks.add(translator.finish());
    return chunks;
  }
}
