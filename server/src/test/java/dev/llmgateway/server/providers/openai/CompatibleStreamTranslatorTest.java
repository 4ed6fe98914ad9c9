package dev.llmgateway.server.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.testing.WireFixture;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.FinishReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Feeds Azure and Hugging Face stream events, as recorded, to the shared stream translator. */
class CompatibleStreamTranslatorTest {
  private final OpenAiStreamTranslator translator =
      new OpenAiStreamTranslator(OpenAiTesting.PROVIDER, OpenAiTesting.errors(), "req-1", "requested-model");

  @Test
  void takesAzuresPromptAnnotationEventForNeitherAChunkNorTheUsageChunk() {
    List<String> events = events("azure-openai", "chat-stream-content-filter-blocked");
    assertThat(events.get(0)).contains("\"prompt_filter_results\"").contains("\"choices\":[]");

    assertThat(translator.onEvent(null, events.get(0))).isEmpty();
    List<CompleteStreamResponse> next = translator.onEvent(null, events.get(1));

    assertThat(next).singleElement().satisfies(c -> {
      assertThat(c.getProvider()).isEqualTo(OpenAiTesting.PROVIDER);
      assertThat(c.getModel()).isEqualTo("gpt-35-turbo");
      assertThat(c.getId()).isEqualTo("chatcmpl-8JCbt5d4luUIhYCI7YH4dQK7hnHx2");
      assertThat(c.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_UNSPECIFIED);
      assertThat(c.hasUsage()).isFalse();
    });
  }

  @Test
  void keepsTheContentFilterFinishOfAnAnnotationEventForTheLastChunk() {
    List<String> events = events("azure-openai", "chat-stream-content-filter-blocked");

    List<CompleteStreamResponse> chunks = feed(events);

    assertThat(translator.isDone()).isTrue();
    // The role chunk, four content chunks and the final chunk at [DONE]; annotations add nothing.
    assertThat(chunks).hasSize(6);
    assertThat(text(chunks)).isEqualTo("Hey Jude, better");
    CompleteStreamResponse last = chunks.get(chunks.size() - 1);
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_CONTENT_FILTER);
    assertThat(last.getUpstreamFinishReason()).isEqualTo("content_filter");
    assertThat(last.getTextDelta()).isEmpty();
  }

  @Test
  void keepsTheStopFinishWhenAnAnnotationEventFollowsIt() {
    List<String> events = events("azure-openai", "chat-stream-content-filter-passed");
    assertThat(events.get(events.size() - 2)).contains("\"content_filter_offsets\"");

    List<CompleteStreamResponse> chunks = feed(events);

    assertThat(text(chunks)).isEqualTo("Color is a");
    assertThat(chunks.get(chunks.size() - 1).getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(chunks).filteredOn(c -> !c.getProvider().isEmpty()).hasSize(1);
  }

  @Test
  void doesNotStartTheStreamWithAnAnnotationEvent() {
    String annotation = "{\"id\":\"\",\"object\":\"\",\"created\":0,\"model\":\"\",\"choices\":[{\"index\":0,"
        + "\"finish_reason\":null,\"content_filter_results\":{\"hate\":{\"filtered\":false,\"severity\":\"safe\"}}}],"
        + "\"usage\":null}";

    assertThat(translator.onEvent(null, annotation)).isEmpty();
    List<CompleteStreamResponse> done = translator.onEvent(null, "[DONE]");

    assertThat(done).singleElement().satisfies(c -> {
      assertThat(c.getModel()).isEqualTo("requested-model");
      assertThat(c.getId()).isEqualTo("req-1");
    });
  }

  @Test
  void forwardsTgiTextAndEndsWithUsageDespiteEmptyIds() {
    List<CompleteStreamResponse> chunks = feed(events("huggingface", "tgi-chat-stream"));

    assertThat(text(chunks)).isEqualTo("OK!");
    assertThat(chunks).allSatisfy(c -> assertThat(c.getId()).isEqualTo("req-1"));
    CompleteStreamResponse last = chunks.get(chunks.size() - 1);
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_STOP);
    assertThat(last.getUsage().getTotalTokens()).isEqualTo(42);
    assertThat(chunks.subList(0, chunks.size() - 1)).allSatisfy(c -> assertThat(c.hasUsage()).isFalse());
  }

  @Test
  void announcesATgiToolCallOnceAndInfersToolCallsWhenNoFinishCame() {
    List<CompleteStreamResponse> chunks = feed(events("huggingface", "tgi-chat-stream-tool-call"));

    assertThat(chunks.stream().flatMap(c -> c.getToolCallDeltasList().stream()).filter(d -> !d.getId().isEmpty()))
        .singleElement().satisfies(d -> {
          assertThat(d.getId()).isEqualTo("0");
          assertThat(d.getName()).isEqualTo("get_current_weather");
        });
    StringBuilder arguments = new StringBuilder();
    chunks.forEach(c -> c.getToolCallDeltasList().forEach(d -> arguments.append(d.getArgumentsJsonDelta())));
    assertThat(arguments.toString()).isEqualTo("{ \"location\": \"Brooklyn, NY\", \"format\": \"fahrenheit\"}");
    CompleteStreamResponse last = chunks.get(chunks.size() - 1);
    assertThat(last.getFinishReason()).isEqualTo(FinishReason.FINISH_REASON_TOOL_CALLS);
    assertThat(last.getUpstreamFinishReason()).isEmpty();
  }

  @Test
  void throwsTheClassifiedTgiErrorEvent() {
    List<String> events = events("huggingface", "tgi-chat-stream-error");

    assertThatThrownBy(() -> translator.onEvent(null, events.get(0)))
        .isInstanceOfSatisfying(GatewayException.class, e -> {
          assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
          assertThat(e.upstreamStatus()).isEqualTo(422);
        });
  }

  private List<CompleteStreamResponse> feed(List<String> events) {
    List<CompleteStreamResponse> chunks = new ArrayList<>();
    for (String data : events) {
      chunks.addAll(translator.onEvent(null, data));
    }
    return chunks;
  }

  private static List<String> events(String provider, String stem) {
    return OpenAiTesting.eventData(WireFixture.load(provider, stem, "sse").bodyText());
  }

  private static String text(List<CompleteStreamResponse> chunks) {
    StringBuilder text = new StringBuilder();
    chunks.forEach(c -> text.append(c.getTextDelta()));
    return text.toString();
  }
}
