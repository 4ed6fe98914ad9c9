package dev.llmgateway.server.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.testing.WireFixture;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.ToolCallDelta;
import dev.llmgateway.v1.Usage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiStreamTranslatorTest {
  private final OpenAiStreamTranslator translator =
      new OpenAiStreamTranslator(OpenAiTesting.PROVIDER, OpenAiTesting.errors(), "req-1", "requested-model");

  @Test
  void forwardsEveryTextDeltaAndEndsWithFinishReasonAndUsage() {
    List<String> events = OpenAiTesting.eventData(WireFixture.load("openai", "chat-stream-text", "sse").bodyText());

    List<CompleteStreamResponse> chunks = feed(events);

    assertThat(translator.isDone()).isTrue();
    CompleteStreamResponse first = chunks.get(0);
    assertThat(first.getProvider()).isEqualTo(OpenAiTesting.PROVIDER);
    assertThat(first.getModel()).isEqualTo("gpt-4o-2024-08-06");
    assertThat(chunks).allSatisfy(c -> assertThat(c.getId()).isEqualTo("chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL"));
    assertThat(chunks.subList(1, chunks.size())).allSatisfy(c -> assertThat(c.getProvider()).isEmpty());
    StringBuilder text = new StringBuilder();
    chunks.forEach(c -> text.append(c.getTextDelta()));
    assertThat(text.toString()).isEqualTo("I'm unable to provide real-time weather updates. To get the current "
        + "weather in San Francisco, I recommend checking a reliable weather website or a weather app.");
    // The role-only first event, one chunk per content event (30), and the final chunk.
    assertThat(chunks).hasSize(32);
    CompleteStreamResponse last = chunks.get(chunks.size() - 1);
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(last.getUpstreamFinishReason()).isEqualTo("stop");
    assertThat(last.getUsage()).isEqualTo(Usage.newBuilder().setInputTokens(14).setOutputTokens(30)
        .setTotalTokens(44).build());
    assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(c -> {
      assertThat(c.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_UNSPECIFIED);
      assertThat(c.hasUsage()).isFalse();
    });
  }

  @Test
  void holdsOnlyTheFinishReasonUntilUsageArrives() {
    List<String> events = OpenAiTesting.eventData(WireFixture.load("openai", "chat-stream-text", "sse").bodyText());
    int finishEvent = events.size() - 3;
    assertThat(events.get(finishEvent)).contains("\"finish_reason\":\"stop\"");

    feed(events.subList(0, finishEvent));
    assertThat(translator.onEvent(null, events.get(finishEvent))).isEmpty();
    List<CompleteStreamResponse> usage = translator.onEvent(null, events.get(finishEvent + 1));

    assertThat(usage).singleElement().satisfies(c -> {
      assertThat(c.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
      assertThat(c.getUsage().getTotalTokens()).isEqualTo(44);
    });
    assertThat(translator.isDone()).isFalse();
    assertThat(translator.onEvent(null, "[DONE]")).isEmpty();
    assertThat(translator.isDone()).isTrue();
  }

  @Test
  void forwardsParallelToolCallFragmentsByIndex() {
    List<String> events =
        OpenAiTesting.eventData(WireFixture.load("openai", "chat-stream-parallel-tool-calls", "sse").bodyText());

    List<CompleteStreamResponse> chunks = feed(events);

    List<ToolCallDelta> deltas = new ArrayList<>();
    chunks.forEach(c -> deltas.addAll(c.getToolCallDeltasList()));
    assertThat(deltas.stream().filter(d -> !d.getId().isEmpty()))
        .extracting(ToolCallDelta::getIndex, ToolCallDelta::getId, ToolCallDelta::getName)
        .containsExactly(
            tuple(0, "call_JMW1whyEaYG438VE1OIflxA2", "GetWeatherArgs"),
            tuple(1, "call_DNYTawLBoN8fj3KN6qU9N1Ou", "get_stock_price"));
    assertThat(arguments(deltas, 0)).isEqualTo("{\"city\": \"Edinburgh\", \"country\": \"GB\", \"units\": \"c\"}");
    assertThat(arguments(deltas, 1)).isEqualTo("{\"ticker\": \"AAPL\", \"exchange\": \"NASDAQ\"}");
    CompleteStreamResponse last = chunks.get(chunks.size() - 1);
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_TOOL_CALLS);
    assertThat(last.getUpstreamFinishReason()).isEqualTo("tool_calls");
    assertThat(last.getUsage().getInputTokens()).isEqualTo(149);
    assertThat(last.getUsage().getOutputTokens()).isEqualTo(60);
  }

  @Test
  void finishesAtDoneWhenTheServerSendsNoUsage() {
    List<CompleteStreamResponse> chunks = feed(List.of(
        "{\"id\":\"c1\",\"model\":\"llama3\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"}}]}",
        "{\"id\":\"c1\",\"model\":\"llama3\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"length\"}]}",
        "[DONE]"));

    assertThat(chunks).hasSize(2);
    assertThat(chunks.get(0).getTextDelta()).isEqualTo("Hi");
    assertThat(chunks.get(0).getModel()).isEqualTo("llama3");
    assertThat(chunks.get(1).getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_LENGTH);
    assertThat(chunks.get(1).hasUsage()).isFalse();
    assertThat(chunks.get(1).getId()).isEqualTo("c1");
  }

  @Test
  void endsAtOnceWhenUsageComesWithTheFinishReason() {
    List<CompleteStreamResponse> chunks = feed(List.of(
        "{\"id\":\"m1\",\"model\":\"mistral-small\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Bonjour\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}"));

    assertThat(chunks).singleElement().satisfies(c -> {
      assertThat(c.getTextDelta()).isEqualTo("Bonjour");
      assertThat(c.getProvider()).isEqualTo(OpenAiTesting.PROVIDER);
      assertThat(c.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
      assertThat(c.getUsage().getTotalTokens()).isEqualTo(7);
    });
    assertThat(translator.onEvent(null, "[DONE]")).isEmpty();
  }

  @Test
  void namesProviderAndRequestedModelWhenDoneIsTheOnlyEvent() {
    List<CompleteStreamResponse> chunks = feed(List.of("[DONE]"));

    assertThat(chunks).singleElement().satisfies(c -> {
      assertThat(c.getId()).isEqualTo("req-1");
      assertThat(c.getModel()).isEqualTo("requested-model");
      assertThat(c.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_UNSPECIFIED);
    });
  }

  @Test
  void forwardsRefusalDeltasAndFinishesWithRefusal() {
    List<CompleteStreamResponse> chunks = feed(List.of(
        "{\"id\":\"c\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"refusal\":\"\"}}]}",
        "{\"id\":\"c\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{\"refusal\":\"I can't\"}}]}",
        "{\"id\":\"c\",\"model\":\"gpt-4o\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}",
        "{\"id\":\"c\",\"model\":\"gpt-4o\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}",
        "[DONE]"));

    assertThat(chunks.get(1).getTextDelta()).isEqualTo("I can't");
    CompleteStreamResponse last = chunks.get(chunks.size() - 1);
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_REFUSAL);
    assertThat(last.getUpstreamFinishReason()).isEqualTo("stop");
    assertThat(last.getUsage().getTotalTokens()).isEqualTo(5);
  }

  @Test
  void acceptsNullUsageAndNullChoicesOnOrdinaryChunks() {
    List<CompleteStreamResponse> chunks = feed(List.of(
        "{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}],\"usage\":null}",
        "{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}",
        "{\"id\":\"c\",\"model\":\"m\",\"choices\":null,\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}",
        "[DONE]"));

    assertThat(chunks).extracting(CompleteStreamResponse::getTextDelta).containsExactly("a", "");
    assertThat(chunks.get(1).getUsage().getTotalTokens()).isEqualTo(2);
  }

  @Test
  void sendsEachToolCallIdOnceWhenTheServerRepeatsIt() {
    List<CompleteStreamResponse> chunks = feed(List.of(
        "{\"id\":\"\",\"model\":\"tgi\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"0\","
            + "\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"arguments\":\"{\\\"q\"}}]}}]}",
        "{\"id\":\"\",\"model\":\"tgi\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"0\","
            + "\"type\":\"function\",\"function\":{\"name\":null,\"arguments\":\"\\\":1}\"}}]}}]}"));

    assertThat(chunks.get(0).getToolCallDeltas(0).getId()).isEqualTo("0");
    assertThat(chunks.get(1).getToolCallDeltas(0).getId()).isEmpty();
    assertThat(chunks.get(1).getToolCallDeltas(0).getArgumentsJsonDelta()).isEqualTo("\":1}");
    assertThat(chunks.get(0).getId()).isEqualTo("req-1");
  }

  @Test
  void classifiesAnErrorEventInTheStream() {
    feed(List.of("{\"id\":\"c\",\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}"));

    assertThatThrownBy(() -> translator.onEvent(null,
        "{\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\"}}"))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
          assertThat(e.provider()).isEqualTo(OpenAiTesting.PROVIDER);
        });
  }

  @Test
  void classifiesAnErrorEventByItsEmbeddedStatus() {
    assertThatThrownBy(() -> translator.onEvent(null,
        "{\"error\":{\"message\":\"Input validation error: inputs tokens + max_new_tokens must be <= 4096\","
            + "\"http_status_code\":422}}"))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
          assertThat(e.upstreamStatus()).isEqualTo(422);
        });
  }

  @Test
  void rejectsMalformedEventJsonAsAProtocolError() {
    assertThatThrownBy(() -> translator.onEvent(null, "{\"id\":\"c\",\"choices\":[{\"delta\":{\"content\":\"a\"}"))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR));
  }

  @Test
  void rejectsAnEventThatIsNotAnObjectAsAProtocolError() {
    assertThatThrownBy(() -> translator.onEvent(null, "[1, 2]"))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR));
  }

  private List<CompleteStreamResponse> feed(List<String> events) {
    List<CompleteStreamResponse> chunks = new ArrayList<>();
    for (String data : events) {
      chunks.addAll(translator.onEvent(null, data));
    }
    return chunks;
  }

  private static String arguments(List<ToolCallDelta> deltas, int index) {
    StringBuilder arguments = new StringBuilder();
    deltas.stream().filter(d -> d.getIndex() == index).forEach(d -> arguments.append(d.getArgumentsJsonDelta()));
    return arguments.toString();
  }
}
