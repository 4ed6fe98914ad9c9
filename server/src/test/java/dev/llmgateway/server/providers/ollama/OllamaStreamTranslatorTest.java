package dev.llmgateway.server.providers.ollama;

import static dev.llmgateway.server.providers.ollama.OllamaTesting.PROVIDER;
import static dev.llmgateway.server.providers.ollama.OllamaTesting.errors;
import static dev.llmgateway.server.providers.ollama.OllamaTesting.fixture;
import static dev.llmgateway.server.providers.ollama.OllamaTesting.text;
import static dev.llmgateway.server.providers.ollama.OllamaTesting.toolCalls;
import static dev.llmgateway.server.providers.ollama.OllamaTesting.translate;
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
import org.junit.jupiter.params.provider.ValueSource;

/** Translates recorded Ollama NDJSON streams line by line, without HTTP. */
class OllamaStreamTranslatorTest {

  @Test
  void turnsTheRecordedStreamIntoAFirstChunkDeltasAndALastChunk() {
    List<CompleteStreamResponse> chunks = translate(fixture("chat-stream").bodyText(), "llama3.2");

    assertThat(chunks).hasSize(5);
    assertThat(chunks.get(0).getProvider()).isEqualTo(PROVIDER);
    assertThat(chunks.get(0).getModel()).isEqualTo("llama3.2");
    assertThat(chunks).allMatch(c -> c.getId().equals("req-1"));
    assertThat(chunks.subList(1, 5)).allMatch(c -> c.getProvider().isEmpty());
    assertThat(text(chunks)).isEqualTo("The sky is blue");
    CompleteStreamResponse last = chunks.get(4);
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(last.getUpstreamFinishReason()).isEqualTo("stop");
    assertThat(last.getUsage()).isEqualTo(Usage.newBuilder().setInputTokens(26).setOutputTokens(282)
        .setTotalTokens(308).build());
  }

  @Test
  void forwardsAWholeToolCallAsOneDeltaAndStopsForIt() {
    List<CompleteStreamResponse> chunks = translate(fixture("chat-stream-tool-call").bodyText(), "llama3.2");

    assertThat(toolCalls(chunks)).containsOnlyKeys(0);
    assertThat(toolCalls(chunks).get(0)).containsExactly("call_k3x9q2m7", "get_weather", "{\"city\":\"Tokyo\"}");
    CompleteStreamResponse last = chunks.get(chunks.size() - 1);
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_TOOL_CALLS);
    assertThat(last.getUpstreamFinishReason()).isEqualTo("stop");
    assertThat(last.getUsage().getInputTokens()).isEqualTo(169);
    assertThat(last.getUsage().getOutputTokens()).isEqualTo(15);
  }

  @Test
  void forwardsTextThatArrivesOnTheDoneLineAndIgnoresThinking() {
    OllamaStreamTranslator translator = translator();
    CompleteStreamResponse first = translator.onLine(
        "{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"thinking\":\"hmm\"},\"done\":false}");
    assertThat(translator.onLine(
        "{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\",\"content\":\"\",\"thinking\":\" ok\"},\"done\":false}"))
        .isNull();

    CompleteStreamResponse last = translator.onLine("{\"model\":\"qwen3\",\"message\":{\"role\":\"assistant\","
        + "\"content\":\"!\"},\"done\":true,\"done_reason\":\"length\",\"eval_count\":3}");

    assertThat(first.getModel()).isEqualTo("qwen3");
    assertThat(first.getTextDelta()).isEmpty();
    assertThat(last.getTextDelta()).isEqualTo("!");
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_LENGTH);
    assertThat(translator.finished()).isTrue();
    assertThat(translator.onLine("anything after done")).isNull();
  }

  @Test
  void classifiesTheRecordedErrorLineAfterForwardingEarlierText() {
    OllamaStreamTranslator translator = translator();
    String[] lines = fixture("chat-stream-error").bodyText().split("\n");
    StringBuilder text = new StringBuilder();
    text.append(translator.onLine(lines[0]).getTextDelta()).append(translator.onLine(lines[1]).getTextDelta());

    assertThatThrownBy(() -> translator.onLine(lines[2]))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
          assertThat(e.getMessage()).doesNotContain("an error was encountered");
        });
    assertThat(text).hasToString(" Yes.");
  }

  @Test
  void classifiesAContextOverflowErrorLine() {
    assertThatThrownBy(() -> translator().onLine("{\"error\":\"the input length exceeds the context length\"}"))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"model\":\"m\",\"message\":{\"content\":\"x\"",
      "[\"not\", \"an\", \"object\"]",
      "{\"model\":\"m\",\"message\":{\"content\":\"x\"}}",
      "{\"model\":\"m\",\"message\":{\"tool_calls\":{\"function\":{}}},\"done\":false}",
      "{\"model\":\"m\",\"message\":{\"tool_calls\":[{\"function\":{\"arguments\":{}}}]},\"done\":false}"})
  void rejectsLinesThatBreakTheWireFormat(String line) {
    assertThatThrownBy(() -> translator().onLine(line))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR));
  }

  private static OllamaStreamTranslator translator() {
    return new OllamaStreamTranslator(PROVIDER, "req-1", "llama3.2", errors());
  }
}
