package dev.llmgateway.server.providers.bedrock;

import static dev.llmgateway.server.providers.bedrock.BedrockTesting.arguments;
import static dev.llmgateway.server.providers.bedrock.BedrockTesting.decode;
import static dev.llmgateway.server.providers.bedrock.BedrockTesting.json;
import static dev.llmgateway.server.providers.bedrock.BedrockTesting.resource;
import static dev.llmgateway.server.providers.bedrock.BedrockTesting.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/** Translates decoded ConverseStream frames from the recorded bodies, without HTTP. */
class BedrockStreamTranslatorTest {

  @Test
  void translatesATextStreamWithTheFinishHeldUntilTheUsageArrives() {
    List<CompleteStreamResponse> chunks = translate("converse-stream-text");

    CompleteStreamResponse first = chunks.get(0);
    assertThat(first.getId()).isEqualTo("req-1");
    assertThat(first.getProvider()).isEqualTo(BedrockTesting.PROVIDER);
    assertThat(first.getModel()).isEqualTo(BedrockTesting.MODEL);
    assertThat(text(chunks)).isEqualTo("I'm doing well");
    assertThat(chunks).allMatch(c -> c.getId().equals("req-1"));
    CompleteStreamResponse last = chunks.get(chunks.size() - 1);
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(last.getUpstreamFinishReason()).isEqualTo("end_turn");
    assertThat(last.getUsage()).isEqualTo(Usage.newBuilder().setInputTokens(47).setOutputTokens(20)
        .setTotalTokens(67).build());
    assertThat(chunks.subList(0, chunks.size() - 1))
        .allMatch(c -> c.getFinishReason() == FinishReason.FINISH_REASON_UNSPECIFIED && !c.hasUsage());
  }

  @Test
  void translatesAToolUseStreamIntoOneCallWithItsArgumentsInFragments() {
    List<CompleteStreamResponse> chunks = translate("converse-stream-tool-use");

    assertThat(text(chunks)).isEqualTo("Let me look that up.");
    CompleteStreamResponse start = chunks.stream().filter(c -> c.getToolCallDeltasCount() > 0).findFirst()
        .orElseThrow();
    assertThat(start.getToolCallDeltas(0).getIndex()).isZero();
    assertThat(start.getToolCallDeltas(0).getId()).isEqualTo("tooluse_kZJMlvQmRJ6eAyJE5GIl7Q");
    assertThat(start.getToolCallDeltas(0).getName()).isEqualTo("top_song");
    assertThat(json(arguments(chunks, 0))).isEqualTo(json("{\"sign\": \"WZPZ\"}"));
    CompleteStreamResponse last = chunks.get(chunks.size() - 1);
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_TOOL_CALLS);
    assertThat(last.getUpstreamFinishReason()).isEqualTo("tool_use");
    assertThat(last.getUsage().getTotalTokens()).isEqualTo(481);
  }

  @Test
  void makesNoLastChunkAtMessageStopButWaitsForTheMetadata() {
    BedrockStreamTranslator translator = translator();
    translator.onMessage(event("messageStart", "{\"role\":\"assistant\"}"));

    assertThat(translator.onMessage(event("messageStop", "{\"stopReason\":\"max_tokens\"}"))).isNull();
    assertThat(translator.finished()).isFalse();
    CompleteStreamResponse last = translator.onMessage(event("metadata",
        "{\"usage\":{\"inputTokens\":10,\"outputTokens\":5,\"totalTokens\":35,\"cacheReadInputTokens\":12,"
            + "\"cacheWriteInputTokens\":8},\"metrics\":{\"latencyMs\":3}}"));

    assertThat(translator.finished()).isTrue();
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_LENGTH);
    assertThat(last.getUsage()).isEqualTo(Usage.newBuilder().setInputTokens(30).setOutputTokens(5)
        .setTotalTokens(35).setCachedInputTokens(12).setCacheWriteInputTokens(8).build());
  }

  @Test
  void failsWithRateLimitedOnAThrottlingExceptionFrame() {
    GatewayException e = failure("converse-stream-exception-throttling");

    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_RATE_LIMITED);
    assertThat(e.getMessage()).contains("throttlingException").doesNotContain("Too many requests");
  }

  @Test
  void failsWithProviderUnavailableOnAModelStreamErrorExceptionFrame() {
    GatewayException e = failure("converse-stream-exception-model-stream-error");

    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(e.provider()).isEqualTo(BedrockTesting.PROVIDER);
  }

  @Test
  void classifiesAnErrorFrameByItsErrorCode() {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":message-type", HeaderValue.fromString("error"));
    headers.put(":error-code", HeaderValue.fromString("InternalServerException"));
    headers.put(":error-message", HeaderValue.fromString("boom"));

    assertThatThrownBy(() -> translator().onMessage(new Message(headers, new byte[0])))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE));
  }

  @Test
  void rejectsAnEventBeforeMessageStartAndAPayloadThatIsNotJson() {
    assertThatThrownBy(() -> translator().onMessage(event("contentBlockDelta", "{\"contentBlockIndex\":0}")))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR));
    BedrockStreamTranslator translator = translator();
    translator.onMessage(event("messageStart", "{\"role\":\"assistant\"}"));
    assertThatThrownBy(() -> translator.onMessage(event("contentBlockDelta", "{\"contentBlockIndex\":0,")))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR));
  }

  @Test
  void ignoresReasoningAndUnknownEventsAndFramesWithoutAMessageTypeFail() {
    BedrockStreamTranslator translator = translator();
    translator.onMessage(event("messageStart", "{\"role\":\"assistant\"}"));

    assertThat(translator.onMessage(event("contentBlockDelta",
        "{\"contentBlockIndex\":0,\"delta\":{\"reasoningContent\":{\"text\":\"hmm\"}}}"))).isNull();
    assertThat(translator.onMessage(event("somethingNew", "{}"))).isNull();
    assertThatThrownBy(() -> translator.onMessage(new Message(Map.of(), "{}".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOfSatisfying(GatewayException.class,
            e -> assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR));
  }

  static BedrockStreamTranslator translator() {
    return new BedrockTranslator(BedrockTesting.PROVIDER, BedrockTesting.errors())
        .newStream("req-1", BedrockTesting.MODEL);
  }

  /** Returns the chunks the translator makes from every frame of a recorded body. */
  static List<CompleteStreamResponse> translate(String stem) {
    BedrockStreamTranslator translator = translator();
    List<CompleteStreamResponse> chunks = new ArrayList<>();
    for (Message message : decode(resource(stem + ".bin"), 7)) {
      CompleteStreamResponse chunk = translator.onMessage(message);
      if (chunk != null) {
        chunks.add(chunk);
      }
    }
    assertThat(translator.finished()).isTrue();
    return chunks;
  }

  private static GatewayException failure(String stem) {
    BedrockStreamTranslator translator = translator();
    for (Message message : decode(resource(stem + ".bin"), 7)) {
      try {
        translator.onMessage(message);
      } catch (GatewayException e) {
        return e;
      }
    }
    throw new AssertionError("the stream did not fail");
  }

  static Message event(String type, String payload) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":event-type", HeaderValue.fromString(type));
    headers.put(":content-type", HeaderValue.fromString("application/json"));
    headers.put(":message-type", HeaderValue.fromString("event"));
    return new Message(headers, payload.getBytes(StandardCharsets.UTF_8));
  }
}
