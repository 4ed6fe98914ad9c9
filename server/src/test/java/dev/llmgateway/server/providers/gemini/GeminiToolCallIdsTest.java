package dev.llmgateway.server.providers.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeminiToolCallIdsTest {

  @Test
  void numbersCallsWithoutAnIdOrSignature() {
    assertThat(GeminiToolCallIds.encode(null, 3, null)).isEqualTo("call_3");
    assertThat(GeminiToolCallIds.decode("call_3")).isEqualTo(new GeminiToolCallIds.Decoded(null, null));
  }

  @Test
  void carriesTheSignatureThereAndBack() {
    String id = GeminiToolCallIds.encode(null, 0, "Eq+/sig==");

    assertThat(id).isEqualTo("call_0~ts~Eq+/sig==");
    assertThat(GeminiToolCallIds.decode(id)).isEqualTo(new GeminiToolCallIds.Decoded(null, "Eq+/sig=="));
  }

  @Test
  void keepsGeminisOwnIdThereAndBack() {
    String id = GeminiToolCallIds.encode("fc-abc", 0, "sig");

    assertThat(id).isEqualTo("fc-abc~ts~sig");
    assertThat(GeminiToolCallIds.decode(id)).isEqualTo(new GeminiToolCallIds.Decoded("fc-abc", "sig"));
  }

  @Test
  void echoesAnIdTheGatewayDidNotMakeUp() {
    assertThat(GeminiToolCallIds.decode("toolu_01A09q90qw90lq917835lq9"))
        .isEqualTo(new GeminiToolCallIds.Decoded("toolu_01A09q90qw90lq917835lq9", null));
  }
}
