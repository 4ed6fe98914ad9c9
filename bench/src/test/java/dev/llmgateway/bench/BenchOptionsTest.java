package dev.llmgateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
  @Test
  void quickModeShortensEverythingButLetsOptionsOverride() {
    BenchOptions o = BenchOptions.parse("--quick", "--rate", "50", "--scenarios", "unary-c1,startup");

    assertThat(o.quick()).isTrue();
    assertThat(o.measureSeconds()).isEqualTo(0.6);
    assertThat(o.streams()).isEqualTo(500);
    assertThat(o.startupRuns()).isEqualTo(1);
    assertThat(o.rate()).isEqualTo(50);
    assertThat(o.scenarios()).containsExactly("unary-c1", "startup");
    assertThat(o.batchNanos()).isEqualTo(300_000_000L);
  }

  @Test
  void parsesJvmOptionsAndFlightRecording() {
    BenchOptions o = BenchOptions.parse("--jfr", "--gateway-jvm-opts", " -Xmx2g  -XX:+UseParallelGC ");

    assertThat(o.jfr()).isTrue();
    assertThat(o.gatewayJvmOptions()).isEqualTo(List.of("-Xmx2g", "-XX:+UseParallelGC"));
    assertThat(o.quick()).isFalse();
    assertThat(o.measureSeconds()).isEqualTo(12);
  }

  @Test
  void rejectsUnknownOptionsAndBadValues() {
    assertThatThrownBy(() -> BenchOptions.parse("--fast")).hasMessageContaining("unknown option");
    assertThatThrownBy(() -> BenchOptions.parse("--duration", "0")).hasMessageContaining("expected: > 0");
    assertThatThrownBy(() -> BenchOptions.parse("--rounds")).hasMessageContaining("missing value");
  }
}
