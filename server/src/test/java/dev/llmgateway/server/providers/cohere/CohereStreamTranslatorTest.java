package dev.llmgateway.server.providers.cohere;

import static dev.llmgateway.server.providers.cohere.CohereTesting.PROVIDER;
import static dev.llmgateway.server.providers.cohere.CohereTesting.errors;
import static dev.llmgateway.server.providers.cohere.CohereTesting.fixture;
import static dev.llmgateway.server.providers.cohere.CohereTesting.text;
import static dev.llmgateway.server.providers.cohere.CohereTesting.toolCalls;
import static dev.llmgateway.server.providers.cohere.CohereTesting.translate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Translates recorded Cohere event streams event by event, without HTTP. */
class CohereStreamTranslatorTest {
  private static final String START =
      "{\"type\":\"message-start\",\"id\":\"m1\",\"delta\":{\"message\":{\"role\":\"assistant\"}}}";

  @Test
  void turnsTheRecordedTextStreamIntoAFirstChunkDeltasAndALastChunk() {
    List<CompleteStreamResponse> chunks = translate(fixture("chat-stream").bodyText(), "command-a-03-2025");

    CompleteStreamResponse first = chunks.get(0);
    assertThat(first.getId()).isEqualTo("29f14a5a-11de-4cae-9800-25e4747408ea");
    assertThat(first.getProvider()).isEqualTo(PROVIDER);
    assertThat(first.getModel()).isEqualTo("command-a-03-2025");
    assertThat(chunks).allMatch(c -> c.getId().equals(first.getId()));
    assertThat(chunks.subList(1, chunks.size())).allMatch(c -> c.getProvider().isEmpty() && c.getModel().isEmpty());
    assertThat(text(chunks)).startsWith("LLMs stand for Large Language Models, which are a type of neural network");
    CompleteStreamResponse last = chunks.get(chunks.size() - 1);
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(last.getUpstreamFinishReason()).isEqualTo("COMPLETE");
    assertThat(last.getUsage()).isEqualTo(Usage.newBuilder().setInputTokens(71).setOutputTokens(26)
        .setTotalTokens(97).build());
    assertThat(chunks.subList(0, chunks.size() - 1))
        .allMatch(c -> c.getFinishReason() == FinishReason.FINISH_REASON_UNSPECIFIED && !c.hasUsage());
  }

  @Test
  void turnsTheRecordedToolStreamIntoThePlanAndTwoCallsWithFragmentedArguments() {
    List<CompleteStreamResponse> chunks = translate(fixture("chat-stream-tool-calls").bodyText(), "command-a-03-2025");

    assertThat(text(chunks)).startsWith("I will use the query_daily_sales_report tool to find the sales summary");
    assertThat(toolCalls(chunks)).containsOnlyKeys(0, 1);
    assertThat(toolCalls(chunks).get(0)).containsExactly("query_daily_sales_report_j3f0adww9pmr",
        "query_daily_sales_report", "{\"day\": \"2023-09-29\"}");
    assertThat(toolCalls(chunks).get(1)).containsExactly("query_product_catalog_c66nf11r6s8g",
        "query_product_catalog", "{\"category\": \"Electronics\"}");
    CompleteStreamResponse last = chunks.get(chunks.size() - 1);
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_TOOL_CALLS);
    assertThat(last.getUsage().getInputTokens()).isEqualTo(1589);
    assertThat(last.getUsage().getOutputTokens()).isEqualTo(135);
  }

  @Test
  void forwardsTheTextOfACitedStreamAndIgnoresTheCitationEvents() {
    List<CompleteStreamResponse> chunks = translate(fixture("chat-stream-citations").bodyText(), "command-a-03-2025");

    assertThat(text(chunks)).isEqualTo("Both Nsync and Backstreet Boys were");
    CompleteStreamResponse last = chunks.get(chunks.size() - 1);
    // This recording reports its counts as floats: 1661.0 and 19.0.
    assertThat(last.getUsage()).isEqualTo(Usage.newBuilder().setInputTokens(1661).setOutputTokens(19)
        .setTotalTokens(1680).build());
  }

  @Test
  void ignoresThinkingDeltasDebugEventsAndUnknownTypes() {
    CohereStreamTranslator translator = translator();
    assertThat(translator.onEvent("debug", "{\"type\":\"debug\",\"prompt\":\"<internal>\"}")).isNull();
    translator.onEvent("message-start", START);

    assertThat(translator.onEvent("content-start",
        "{\"type\":\"content-start\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"type\":\"thinking\",\"thinking\":\"\"}}}}"))
        .isNull();
    assertThat(translator.onEvent("content-delta",
        "{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"thinking\":\"hmm\"}}}}")).isNull();
    assertThat(translator.onEvent("future-event", "{\"type\":\"future-event\"}")).isNull();
    assertThat(translator.finished()).isFalse();
  }

  @Test
  void usesTheSseEventNameWhenTheDataHasNoType() {
    CohereStreamTranslator translator = translator();
    translator.onEvent("message-start", START);

    CompleteStreamResponse chunk = translator.onEvent("content-delta",
        "{\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"Hi\"}}}}");

    assertThat(chunk.getTextDelta()).isEqualTo("Hi");
  }

  @Test
  void ignoresDoneAndAnythingAfterMessageEnd() {
    CohereStreamTranslator translator = translator();
    translator.onEvent("message-start", START);
    translator.onEvent("message-end", "{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"COMPLETE\"}}");

    assertThat(translator.finished()).isTrue();
    assertThat(translator.onEvent(null, "[DONE]")).isNull();
    assertThat(translator.onEvent("content-delta", "not even json")).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"ERROR\"}}|PROVIDER_UNAVAILABLE",
      "{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"TIMEOUT\"}}|PROVIDER_TIMEOUT",
      "{\"type\":\"message-end\",\"delta\":{\"error\":\"internal failure\",\"finish_reason\":\"COMPLETE\"}}|PROVIDER_UNAVAILABLE"})
  void failsAStreamThatCohereEndedInError(String event, ErrorKind kind) {
    CohereStreamTranslator translator = translator();
    translator.onEvent("message-start", START);

    assertThatThrownBy(() -> translator.onEvent("message-end", event))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.kind()).isEqualTo(kind);
          assertThat(e.getMessage()).doesNotContain("internal failure");
        });
    assertThat(translator.finished()).isFalse();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"mess",
      "[1, 2]",
      "{\"index\":0}",
      "{\"type\":\"tool-call-delta\",\"index\":5,\"delta\":{\"message\":{\"tool_calls\":{\"function\":{\"arguments\":\"x\"}}}}}",
      "{\"type\":\"tool-call-start\",\"delta\":{\"message\":{\"tool_calls\":{\"id\":\"a\",\"function\":{\"name\":\"f\"}}}}}",
      "{\"type\":\"message-start\",\"id\":\"again\"}"})
  void rejectsEventsThatBreakTheWireFormat(String data) {
    CohereStreamTranslator translator = translator();
    translator.onEvent("message-start", START);

    assertThatThrownBy(() -> translator.onEvent(null, data))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR));
  }

  @Test
  void rejectsContentBeforeMessageStart() {
    assertThatThrownBy(() -> translator().onEvent("content-delta",
        "{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"text\":\"Hi\"}}}}"))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR));
  }

  private static CohereStreamTranslator translator() {
    return new CohereStreamTranslator(PROVIDER, "command-a-03-2025", "req-1", errors());
  }
}
