package dev.llmgateway.bench.driver;

import static dev.llmgateway.bench.driver.Expected.require;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llmgateway.bench.mock.MockContent;
import javax.annotation.Nullable;

/** Checks an OpenAI-compatible chat completion stream: chunks, finish reason, usage chunk, {@code [DONE]}. */
final class OpenAiStreamCheck extends SseCheck {
  private final Expected expected;
  private final ChunkTimer timer;
  private final StringBuilder text = new StringBuilder();
  private int textChunks;
  private boolean finished;
  private boolean usage;
  private boolean done;

  OpenAiStreamCheck(ObjectMapper mapper, Expected expected, ChunkTimer timer) {
    super(mapper);
    this.expected = expected;
    this.timer = timer;
  }

  @Override
  void event(@Nullable String type, String data) throws CallFailure {
    require(!done, "event after [DONE]", data, "none");
    if (data.equals("[DONE]")) {
      done = true;
      return;
    }
    JsonNode chunk = parse(data);
    require("chat.completion.chunk".equals(chunk.path("object").asText()), "object", chunk.path("object"),
        "chat.completion.chunk");
    JsonNode choice = chunk.path("choices").path(0);
    String content = choice.path("delta").path("content").asText("");
    if (!content.isEmpty()) {
      timer.textChunk();
      textChunks++;
      text.append(content);
    }
    if ("stop".equals(choice.path("finish_reason").asText(null))) {
      finished = true;
    }
    JsonNode u = chunk.path("usage");
    if (u.isObject()) {
      usage = true;
      require(u.path("prompt_tokens").asLong() == MockContent.PROMPT_TOKENS, "usage.prompt_tokens",
          u.path("prompt_tokens"), MockContent.PROMPT_TOKENS);
      require(u.path("completion_tokens").asLong() == expected.chunks(), "usage.completion_tokens",
          u.path("completion_tokens"), expected.chunks());
    }
  }

  @Override
  void complete() throws CallFailure {
    require(done, "terminator", "none", "data: [DONE]");
    require(finished, "finish_reason", "none", "stop");
    require(usage, "usage chunk", "none", "one");
    require(textChunks == expected.chunks(), "text chunk count", textChunks, expected.chunks());
    require(text.toString().equals(expected.streamText()), "streamed text", text, expected.streamText());
  }
}
