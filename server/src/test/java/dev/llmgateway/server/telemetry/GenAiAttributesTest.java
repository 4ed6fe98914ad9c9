package dev.llmgateway.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.testing.InMemoryTelemetry;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.EmbedResponse;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.ToolCall;
import dev.llmgateway.v1.Usage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GenAI attributes on a span, and the content switch. */
class GenAiAttributesTest {
  private static final CompleteRequest REQUEST = CompleteRequest.newBuilder().setModel("chat")
      .addMessages(message(Role.ROLE_SYSTEM, "Be brief."))
      .addMessages(message(Role.ROLE_USER, "my secret plan"))
      .setTemperature(0.2).setTopP(0.9).setMaxOutputTokens(64).setSeed(7).build();
  private static final CompleteResponse RESPONSE = CompleteResponse.newBuilder().setId("resp-1").setModel("gpt-4o-2024-08-06")
      .setMessage(Message.newBuilder().setRole(Role.ROLE_ASSISTANT).addContent(ContentPart.newBuilder().setText("the answer"))
          .addToolCalls(ToolCall.newBuilder().setId("call-1").setName("lookup").setArgumentsJson("{\"q\":1}")))
      .setFinishReason(FinishReason.FINISH_REASON_TOOL_CALLS)
      .setUsage(Usage.newBuilder().setInputTokens(11).setOutputTokens(5).setCachedInputTokens(8)).build();

  private final InMemoryTelemetry telemetry = new InMemoryTelemetry();

  @AfterEach
  void closeTelemetry() {
    telemetry.close();
  }

  @Test
  void setsChatRequestAndResponseAttributesWithoutContentByDefault() {
    Attributes attributes = record(genAi(false), (g, span) -> {
      g.setRequest(span, REQUEST, "openai", "chat");
      g.setResponse(span, RESPONSE);
    });

    assertThat(attributes.get(GenAiAttributes.OPERATION_NAME)).isEqualTo("chat");
    assertThat(attributes.get(GenAiAttributes.PROVIDER_NAME)).isEqualTo("openai");
    assertThat(attributes.get(GenAiAttributes.REQUEST_MODEL)).isEqualTo("chat");
    assertThat(attributes.get(GenAiAttributes.REQUEST_TEMPERATURE)).isEqualTo(0.2);
    assertThat(attributes.get(GenAiAttributes.REQUEST_TOP_P)).isEqualTo(0.9);
    assertThat(attributes.get(GenAiAttributes.REQUEST_MAX_TOKENS)).isEqualTo(64L);
    assertThat(attributes.get(GenAiAttributes.REQUEST_SEED)).isEqualTo(7L);
    assertThat(attributes.get(GenAiAttributes.RESPONSE_ID)).isEqualTo("resp-1");
    assertThat(attributes.get(GenAiAttributes.RESPONSE_MODEL)).isEqualTo("gpt-4o-2024-08-06");
    assertThat(attributes.get(GenAiAttributes.RESPONSE_FINISH_REASONS)).containsExactly("tool_calls");
    assertThat(attributes.get(GenAiAttributes.USAGE_INPUT_TOKENS)).isEqualTo(11L);
    assertThat(attributes.get(GenAiAttributes.USAGE_OUTPUT_TOKENS)).isEqualTo(5L);
    assertThat(attributes.get(GenAiAttributes.USAGE_CACHE_READ_INPUT_TOKENS)).isEqualTo(8L);
    assertThat(attributes.get(GenAiAttributes.INPUT_MESSAGES)).isNull();
    assertThat(attributes.get(GenAiAttributes.OUTPUT_MESSAGES)).isNull();
    assertThat(attributes.asMap().values()).noneMatch(v -> v.toString().contains("secret plan"));
  }

  @Test
  void recordsMessagesOnlyWithRecordContentOn() {
    Attributes attributes = record(genAi(true), (g, span) -> {
      g.setRequest(span, REQUEST, "openai", "chat");
      g.setResponse(span, RESPONSE);
    });

    assertThat(attributes.get(GenAiAttributes.INPUT_MESSAGES)).isEqualTo(
        "[{\"role\":\"system\",\"parts\":[{\"type\":\"text\",\"content\":\"Be brief.\"}]},"
            + "{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"my secret plan\"}]}]");
    assertThat(attributes.get(GenAiAttributes.OUTPUT_MESSAGES)).isEqualTo(
        "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"the answer\"},"
            + "{\"type\":\"tool_call\",\"id\":\"call-1\",\"name\":\"lookup\",\"arguments\":\"{\\\"q\\\":1}\"}],"
            + "\"finish_reason\":\"tool_calls\"}]");
  }

  @Test
  void streamedOutputIsRecordedOnlyWithRecordContentOn() {
    Attributes off = record(genAi(false), (g, span) -> g.setStreamOutput(span, "streamed text", FinishReason.FINISH_REASON_STOP));
    Attributes on = record(genAi(true), (g, span) -> g.setStreamOutput(span, "streamed text", FinishReason.FINISH_REASON_STOP));

    assertThat(off.get(GenAiAttributes.OUTPUT_MESSAGES)).isNull();
    assertThat(on.get(GenAiAttributes.OUTPUT_MESSAGES)).isEqualTo(
        "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"text\",\"content\":\"streamed text\"}],\"finish_reason\":\"stop\"}]");
  }

  @Test
  void setsStreamResponseFromFirstAndLastChunks() {
    CompleteStreamResponse first = CompleteStreamResponse.newBuilder().setId("s-1").setModel("upstream-model-2").build();
    CompleteStreamResponse last = CompleteStreamResponse.newBuilder().setFinishReason(FinishReason.FINISH_REASON_LENGTH)
        .setUsage(Usage.newBuilder().setInputTokens(3).setOutputTokens(9)).build();

    Attributes attributes = record(genAi(false), (g, span) -> g.setStreamResponse(span, first, last));

    assertThat(attributes.get(GenAiAttributes.RESPONSE_ID)).isEqualTo("s-1");
    assertThat(attributes.get(GenAiAttributes.RESPONSE_MODEL)).isEqualTo("upstream-model-2");
    assertThat(attributes.get(GenAiAttributes.RESPONSE_FINISH_REASONS)).containsExactly("length");
    assertThat(attributes.get(GenAiAttributes.USAGE_OUTPUT_TOKENS)).isEqualTo(9L);
  }

  @Test
  void setsEmbeddingsAttributesAndNeverTheInputs() {
    Attributes attributes = record(genAi(true), (g, span) -> {
      g.setRequest(span, EmbedRequest.newBuilder().setModel("embed").addInputs("private text").setDimensions(256).build(),
          "openai", "embed");
      g.setResponse(span, EmbedResponse.newBuilder().setModel("text-embedding-3-small")
          .setUsage(Usage.newBuilder().setInputTokens(2)).build());
    });

    assertThat(attributes.get(GenAiAttributes.OPERATION_NAME)).isEqualTo("embeddings");
    assertThat(attributes.get(GenAiAttributes.EMBEDDINGS_DIMENSION_COUNT)).isEqualTo(256L);
    assertThat(attributes.get(GenAiAttributes.RESPONSE_MODEL)).isEqualTo("text-embedding-3-small");
    assertThat(attributes.get(GenAiAttributes.USAGE_INPUT_TOKENS)).isEqualTo(2L);
    assertThat(attributes.asMap().values()).noneMatch(v -> v.toString().contains("private text"));
  }

  @Test
  void mapsEveryFinishReason() {
    assertThat(List.of(FinishReason.FINISH_REASON_STOP, FinishReason.FINISH_REASON_LENGTH,
        FinishReason.FINISH_REASON_TOOL_CALLS, FinishReason.FINISH_REASON_CONTENT_FILTER,
        FinishReason.FINISH_REASON_REFUSAL, FinishReason.FINISH_REASON_OTHER, FinishReason.FINISH_REASON_UNSPECIFIED)
        .stream().map(GenAiAttributes::finishReason))
        .containsExactly("stop", "length", "tool_calls", "content_filter", "refusal", "other", "");
  }

  @Test
  void doesNothingOnASpanThatIsNotRecording() {
    GenAiAttributes genAi = genAi(true);

    genAi.setRequest(Span.getInvalid(), REQUEST, "openai", "chat");
    genAi.setResponse(Span.getInvalid(), RESPONSE);

    assertThat(telemetry.spans()).isEmpty();
  }

  private static GenAiAttributes genAi(boolean recordContent) {
    return new GenAiAttributes(TelemetryConfig.defaults().withRecordContent(recordContent));
  }

  private Attributes record(GenAiAttributes genAi, SpanWork work) {
    Span span = telemetry.sdk().getTracer("test").spanBuilder("call").startSpan();
    work.accept(genAi, span);
    span.end();
    List<SpanData> spans = telemetry.spans();
    return spans.get(spans.size() - 1).getAttributes();
  }

  private static Message message(Role role, String text) {
    return Message.newBuilder().setRole(role).addContent(ContentPart.newBuilder().setText(text)).build();
  }

  @FunctionalInterface
  private interface SpanWork {
    void accept(GenAiAttributes genAi, Span span);
  }
}
