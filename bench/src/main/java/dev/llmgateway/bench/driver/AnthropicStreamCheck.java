package dev.llmgateway.bench.driver;

import static dev.llmgateway.bench.driver.Expected.require;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.bench.mock.MockContent;
import javax.annotation.Nullable;

/** Checks an Anthropic Messages stream: event names, text deltas, stop reason, usage and {@code message_stop}. */
final class AnthropicStreamCheck extends SseCheck {
  private final Expected expected;
  private final ChunkTimer timer;
  private final StringBuilder text = new StringBuilder();
  private int textChunks;
  private boolean started;
  private boolean stopped;
  private String stopReason = "";
  private long inputTokens = -1;
  private long outputTokens = -1;

  AnthropicStreamCheck(ObjectMapper mapper, Expected expected, ChunkTimer timer) {
    super(mapper);
    this.expected = expected;
    this.timer = timer;
  }

  @Override
  void event(@Nullable String type, String data) throws CallFailure {
    require(!stopped, "event after message_stop", type, "none");
    JsonNode event = parse(data);
    // Every data payload names its own type, which must match the SSE event name.
    require(event.path("type").asText().equals(type), "event type", event.path("type"), type);
    switch (event.path("type").asText()) {
      case "message_start" -> {
        started = true;
        inputTokens = event.path("message").path("usage").path("input_tokens").asLong(-1);
      }
      case "content_block_delta" -> {
        String delta = event.path("delta").path("text").asText("");
        if (!delta.isEmpty()) {
          timer.textChunk();
          textChunks++;
          text.append(delta);
        }
      }
      case "message_delta" -> {
        stopReason = event.path("delta").path("stop_reason").asText("");
        outputTokens = event.path("usage").path("output_tokens").asLong(-1);
      }
      case "message_stop" -> stopped = true;
      case "content_block_start", "content_block_stop", "ping" -> { }
      default -> throw new CallFailure("content: event", "unexpected event " + type);
    }
  }

  @Override
  void complete() throws CallFailure {
    require(started, "message_start", "none", "one");
    require(stopped, "message_stop", "none", "one");
    require(stopReason.equals("end_turn"), "stop_reason", stopReason, "end_turn");
    require(inputTokens == MockContent.PROMPT_TOKENS, "usage.input_tokens", inputTokens, MockContent.PROMPT_TOKENS);
    require(outputTokens == expected.chunks(), "usage.output_tokens", outputTokens, expected.chunks());
    require(textChunks == expected.chunks(), "text chunk count", textChunks, expected.chunks());
    require(text.toString().equals(expected.streamText()), "streamed text", text, expected.streamText());
  }
}
