package dev.llmgateway.server.providers.demo;

import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.ToolCall;
import dev.llmgateway.v1.Usage;
import java.util.List;

/** The demo's answer to one request: text pieces (one per streamed chunk) or tool calls. */
record DemoAnswer(List<String> pieces, List<ToolCall> toolCalls, FinishReason finishReason,
    String upstreamFinishReason, Usage usage) {

  String text() {
    return String.join("", pieces);
  }
}
