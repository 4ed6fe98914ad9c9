package dev.llmgateway.bench.mock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamShapeTest {
  @Test
  void readsChunksDelayAndDimensionsFromTheModelName() {
    StreamShape shape = StreamShape.of("mock-model-c200-d5ms-dim64", null, null);

    assertThat(shape.chunks()).isEqualTo(200);
    assertThat(shape.delayNanos()).isEqualTo(5_000_000L);
    assertThat(shape.dimensions()).isEqualTo(64);
  }

  @Test
  void fallsBackToDefaultsAndLetsHeadersOverrideTheName() {
    assertThat(StreamShape.of("mock-claude", null, null))
        .isEqualTo(new StreamShape(MockContent.DEFAULT_CHUNKS, 0, MockContent.DEFAULT_DIMENSIONS));
    StreamShape overridden = StreamShape.of("mock-model-c200-d5ms", "3", "250");
    assertThat(overridden.chunks()).isEqualTo(3);
    assertThat(overridden.delayNanos()).isEqualTo(250_000L);
  }

  @Test
  void buildsModelNamesThatReadBackToTheSameShape() {
    String name = StreamShape.modelName("mock-model", 30, 500_000_000L);

    assertThat(name).isEqualTo("mock-model-c30-d500ms");
    assertThat(StreamShape.of(name, null, null).delayNanos()).isEqualTo(500_000_000L);
    assertThat(StreamShape.of(StreamShape.modelName("m", 2, 1_500_000L), null, null).delayNanos())
        .isEqualTo(1_500_000L);
  }
}
