package dev.llmgateway.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.ToolCallDelta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reassembles what a stream's chunks carry: the text, and the tool calls from their deltas. */
public final class StreamChunks {
  private StreamChunks() {}

  /** Returns the concatenated text deltas. */
  public static String text(List<CompleteStreamResponse> chunks) {
    StringBuilder text = new StringBuilder();
    chunks.forEach(c -> text.append(c.getTextDelta()));
    return text.toString();
  }

  /**
   * Reassembles the tool calls from their deltas, by index: id, name and concatenated arguments. Fails when a
   * call's id or name is sent twice, which the contract forbids.
   */
  public static Map<Integer, List<String>> toolCalls(List<CompleteStreamResponse> chunks) {
    Map<Integer, List<String>> calls = new TreeMap<>();
    for (CompleteStreamResponse chunk : chunks) {
      for (ToolCallDelta delta : chunk.getToolCallDeltasList()) {
        List<String> call = calls.computeIfAbsent(delta.getIndex(), i -> new ArrayList<>(List.of("", "", "")));
        if (!delta.getId().isEmpty()) {
          assertThat(call.get(0)).as("id sent twice for call %d", delta.getIndex()).isEmpty();
          call.set(0, delta.getId());
        }
        if (!delta.getName().isEmpty()) {
          assertThat(call.get(1)).as("name sent twice for call %d", delta.getIndex()).isEmpty();
          call.set(1, delta.getName());
        }
        call.set(2, call.get(2) + delta.getArgumentsJsonDelta());
      }
    }
    return calls;
  }
}
