package dev.llmgateway.bench.driver;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmgateway.bench.mock.MockContent;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.FinishReason;
import dev.llmgateway.v1.Usage;
import org.junit.jupiter.api.Test;

class StreamCheckTest {
  private static final Expected EXPECTED = Expected.chat("mock", "mock-model-c3", 3);

  private static CompleteStreamResponse.Builder chunk(int i) {
    CompleteStreamResponse.Builder b = CompleteStreamResponse.newBuilder().setId("c").setTextDelta(MockContent.token(i));
    if (i == 0) {
      b.setProvider("mock").setModel("mock-model-c3");
    }
    return b;
  }

  private static CompleteStreamResponse last() {
    return CompleteStreamResponse.newBuilder().setFinishReason(FinishReason.FINISH_REASON_STOP)
        .setUpstreamFinishReason("stop")
        .setUsage(Usage.newBuilder().setInputTokens(MockContent.PROMPT_TOKENS).setOutputTokens(3)).build();
  }

  @Test
  void acceptsAStreamThatForwardsEveryChunkAndEndsWithUsage() {
    GatewayCalls.StreamCheck check = new GatewayCalls.StreamCheck(EXPECTED);
    for (int i = 0; i < 3; i++) {
      check.add(chunk(i).build());
    }
    check.add(last());

    assertThatCode(check::finish).doesNotThrowAnyException();
  }

  @Test
  void rejectsMergedChunksMissingFinishAndWrongProvider() {
    GatewayCalls.StreamCheck merged = new GatewayCalls.StreamCheck(EXPECTED);
    merged.add(chunk(0).setTextDelta(MockContent.token(0) + MockContent.token(1)).build());
    merged.add(chunk(2).build());
    merged.add(last());
    assertThatThrownBy(merged::finish).hasMessageContaining("text chunk count");

    GatewayCalls.StreamCheck unfinished = new GatewayCalls.StreamCheck(EXPECTED);
    for (int i = 0; i < 3; i++) {
      unfinished.add(chunk(i).build());
    }
    assertThatThrownBy(unfinished::finish).hasMessageContaining("finish_reason");

    GatewayCalls.StreamCheck wrongProvider = new GatewayCalls.StreamCheck(EXPECTED);
    wrongProvider.add(chunk(0).setProvider("other").build());
    assertThatThrownBy(wrongProvider::finish).hasMessageContaining("first chunk provider");
  }
}
