package dev.llmgateway.server.providers.anthropic;

import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.arguments;
import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.fixture;
import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.json;
import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.sseData;
import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.text;
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
import org.junit.jupiter.params.provider.CsvSource;

/** Feeds recorded stream bodies to the translator event by event, without HTTP. */
class AnthropicStreamTranslatorTest {
  private final AnthropicStreamTranslator translator = AnthropicTesting.translator().newStream("claude-requested");

  @Test
  void translatesABasicTextStream() {
    List<CompleteStreamResponse> chunks = translateAll(fixture("stream-text-basic").bodyText());

    assertThat(chunks).hasSize(5);
    assertThat(chunks).allSatisfy(c -> assertThat(c.getId()).isEqualTo("msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK"));
    assertThat(chunks.get(0).getProvider()).isEqualTo("claude");
    assertThat(chunks.get(0).getModel()).isEqualTo("claude-3-opus-latest");
    assertThat(chunks.subList(1, 4)).extracting(CompleteStreamResponse::getTextDelta)
        .containsExactly("Hello", " there", "!");
    CompleteStreamResponse last = chunks.get(4);
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(last.getUpstreamFinishReason()).isEqualTo("end_turn");
    assertThat(last.getUsage()).isEqualTo(Usage.newBuilder()
        .setInputTokens(11).setOutputTokens(6).setTotalTokens(17).build());
    assertThat(chunks.subList(1, 5)).allSatisfy(c -> assertThat(c.getProvider()).isEmpty());
    assertThat(translator.finished()).isTrue();
  }

  @Test
  void parsesEventsPaddedWithWhitespace() {
    List<CompleteStreamResponse> chunks = translateAll(fixture("stream-text").bodyText());

    assertThat(chunks.get(0).getModel()).isEqualTo("claude-sonnet-4-5-20250929");
    assertThat(text(chunks)).isEqualTo("[12345,67890]");
    CompleteStreamResponse last = chunks.get(chunks.size() - 1);
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(last.getUsage()).isEqualTo(Usage.newBuilder()
        .setInputTokens(135).setOutputTokens(10).setTotalTokens(145).build());
  }

  @Test
  void translatesTextFollowedByAToolCall() {
    List<CompleteStreamResponse> chunks = translateAll(fixture("stream-tool-use").bodyText());

    assertThat(text(chunks)).isEqualTo("I'll check the current weather in Paris for you.");
    List<ToolCallDelta> deltas = deltas(chunks);
    assertThat(deltas).allSatisfy(d -> assertThat(d.getIndex()).isZero());
    assertThat(deltas.get(0).getId()).isEqualTo("toolu_01NRLabsLyVHZPKxbKvkfSMn");
    assertThat(deltas.get(0).getName()).isEqualTo("get_weather");
    assertThat(deltas.subList(1, deltas.size())).allSatisfy(d -> {
      assertThat(d.getId()).isEmpty();
      assertThat(d.getName()).isEmpty();
    });
    assertThat(json(arguments(chunks, 0))).isEqualTo(json("{\"location\": \"Paris\"}"));
    CompleteStreamResponse last = chunks.get(chunks.size() - 1);
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_TOOL_CALLS);
    assertThat(last.getUsage()).isEqualTo(Usage.newBuilder()
        .setInputTokens(377).setOutputTokens(65).setTotalTokens(442).build());
  }

  @Test
  void translatesAPaddedToolOnlyStreamPreferringTheFinalInputCounts() {
    List<CompleteStreamResponse> chunks = translateAll(fixture("stream-tool-use-only-padded").bodyText());

    assertThat(text(chunks)).isEmpty();
    assertThat(deltas(chunks).get(0).getId()).isEqualTo("toolu_018acGYLtfR52q9yDbWaEdQZ");
    assertThat(json(arguments(chunks, 0))).isEqualTo(json("{\"location\": \"San Francisco, CA\", \"units\": \"f\"}"));
    CompleteStreamResponse last = chunks.get(chunks.size() - 1);
    assertThat(last.getUpstreamFinishReason()).isEqualTo("tool_use");
    assertThat(last.getUsage()).isEqualTo(Usage.newBuilder()
        .setInputTokens(656).setOutputTokens(74).setTotalTokens(730).build());
  }

  @Test
  void failsWithProviderUnavailableOnAnOverloadedErrorEventAfterForwardingEarlierChunks() {
    List<String> events = sseData(fixture("stream-error-overloaded").bodyText());
    List<CompleteStreamResponse> chunks = new ArrayList<>();
    for (String event : events.subList(0, events.size() - 1)) {
      CompleteStreamResponse chunk = translator.onEvent(event);
      if (chunk != null) {
        chunks.add(chunk);
      }
    }

    GatewayException e = catchThrowableOfType(GatewayException.class,
        () -> translator.onEvent(events.get(events.size() - 1)));

    assertThat(text(chunks)).isEqualTo("Hello");
    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(e.provider()).isEqualTo("claude");
    assertThat(translator.finished()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
      "overloaded_error,PROVIDER_UNAVAILABLE",
      "api_error,PROVIDER_UNAVAILABLE",
      "rate_limit_error,PROVIDER_RATE_LIMITED",
      "invalid_request_error,INVALID_REQUEST",
      "authentication_error,PROVIDER_MISCONFIGURED",
      "timeout_error,PROVIDER_TIMEOUT",
      "some_new_error,PROVIDER_UNAVAILABLE"})
  void classifiesErrorEventsByType(String type, ErrorKind kind) {
    translator.onEvent(messageStart());

    GatewayException e = catchThrowableOfType(GatewayException.class, () -> translator.onEvent(
        "{\"type\": \"error\", \"error\": {\"type\": \"" + type + "\", \"message\": \"Something\"}}"));

    assertThat(e.kind()).isEqualTo(kind);
  }

  @Test
  void countsToolCallsFromZeroWhateverTheirContentBlockIndex() {
    List<CompleteStreamResponse> chunks = translate(
        messageStart(),
        q("{'type':'content_block_start','index':0,'content_block':{'type':'thinking','thinking':''}}"),
        q("{'type':'content_block_delta','index':0,'delta':{'type':'thinking_delta','thinking':'Hmm'}}"),
        q("{'type':'content_block_delta','index':0,'delta':{'type':'signature_delta','signature':'x'}}"),
        q("{'type':'content_block_stop','index':0}"),
        q("{'type':'content_block_start','index':1,'content_block':{'type':'text','text':'On it.'}}"),
        q("{'type':'content_block_stop','index':1}"),
        q("{'type':'content_block_start','index':2,'content_block':"
            + "{'type':'tool_use','id':'toolu_a','name':'f','input':{}}}"),
        q("{'type':'content_block_delta','index':2,'delta':{'type':'input_json_delta','partial_json':''}}"),
        q("{'type':'content_block_delta','index':2,'delta':{'type':'input_json_delta','partial_json':'{}'}}"),
        q("{'type':'content_block_stop','index':2}"),
        q("{'type':'content_block_start','index':3,'content_block':"
            + "{'type':'tool_use','id':'toolu_b','name':'g','input':{}}}"),
        q("{'type':'content_block_delta','index':3,'delta':{'type':'input_json_delta','partial_json':"
            + "'{\\'x\\': 1}'}}"),
        q("{'type':'content_block_stop','index':3}"),
        q("{'type':'message_delta','delta':{'stop_reason':'tool_use'},'usage':{'output_tokens':9}}"),
        q("{'type':'message_stop'}"));

    assertThat(text(chunks)).isEqualTo("On it.");
    assertThat(deltas(chunks)).extracting(ToolCallDelta::getIndex).containsExactly(0, 0, 1, 1);
    assertThat(deltas(chunks)).extracting(ToolCallDelta::getId).containsExactly("toolu_a", "", "toolu_b", "");
    assertThat(arguments(chunks, 0)).isEqualTo("{}");
    assertThat(arguments(chunks, 1)).isEqualTo("{\"x\": 1}");
    // Thinking, signature, empty fragments and block stops produce no chunk at all.
    assertThat(chunks).hasSize(7);
  }

  @Test
  void namesTheRequestedModelWhenMessageStartDoesNot() {
    CompleteStreamResponse first = translator.onEvent(q("{'type':'message_start','message':{'id':'msg_1'}}"));

    assertThat(first.getModel()).isEqualTo("claude-requested");
    assertThat(first.getProvider()).isEqualTo("claude");
  }

  @Test
  void ignoresUnknownEventTypesAndPings() {
    List<CompleteStreamResponse> chunks = translate(
        messageStart(), "{\"type\": \"ping\"}", "{\"type\": \"some_future_event\", \"data\": 1}");

    assertThat(chunks).hasSize(1);
  }

  @Test
  void rejectsAnEventThatIsNotJson() {
    translator.onEvent(messageStart());

    GatewayException e = catchThrowableOfType(GatewayException.class,
        () -> translator.onEvent("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\""));

    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
  }

  @Test
  void rejectsContentBeforeMessageStart() {
    GatewayException e = catchThrowableOfType(GatewayException.class, () -> translator.onEvent(
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}"));

    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
  }

  @Test
  void rejectsABlockEventWithoutAnIndex() {
    translator.onEvent(messageStart());

    GatewayException e = catchThrowableOfType(GatewayException.class, () -> translator.onEvent(
        "{\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}"));

    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_PROTOCOL_ERROR);
  }

  private List<CompleteStreamResponse> translateAll(String sse) {
    return translate(sseData(sse).toArray(String[]::new));
  }

  private List<CompleteStreamResponse> translate(String... events) {
    List<CompleteStreamResponse> chunks = new ArrayList<>();
    for (String event : events) {
      CompleteStreamResponse chunk = translator.onEvent(event);
      if (chunk != null) {
        chunks.add(chunk);
      }
    }
    return chunks;
  }

  private static List<ToolCallDelta> deltas(List<CompleteStreamResponse> chunks) {
    List<ToolCallDelta> deltas = new ArrayList<>();
    chunks.forEach(c -> deltas.addAll(c.getToolCallDeltasList()));
    return deltas;
  }

  /** Writes JSON with single quotes for readability; an escaped quote stays a quote inside a string. */
  private static String q(String json) {
    return json.replace("\\'", "\\\"").replace('\'', '"');
  }

  private static String messageStart() {
    return "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude-test\",\"content\":[],"
        + "\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}";
  }
}
