package dev.llmgateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandLineTest {
  @Test
  void flagsWinOverTheEnvironment() {
    CommandLine cli = CommandLine.parse(new String[] {"--config", "a.conf", "--listen=127.0.0.1:7000"},
        Map.of("LLMGATEWAY_CONFIG", "b.conf", "LLMGATEWAY_LISTEN", "0.0.0.0:1"));

    assertThat(cli.config()).isEqualTo(Path.of("a.conf"));
    assertThat(cli.listenHost()).hasValue("127.0.0.1");
    assertThat(cli.listenPort()).hasValue(7000);
  }

  @Test
  void theEnvironmentAppliesWithoutFlags() {
    CommandLine cli = CommandLine.parse(new String[0], Map.of("LLMGATEWAY_LISTEN", "[::1]:9000"));

    assertThat(cli.config()).isNull();
    assertThat(cli.listenHost()).hasValue("::1");
    assertThat(cli.listenPort()).hasValue(9000);
  }

  @Test
  void badArgumentsAreNamed() {
    assertThatThrownBy(() -> CommandLine.parse(new String[] {"--listen", "nowhere"}, Map.of()))
        .hasMessageContaining("--listen: 'nowhere'");
    assertThatThrownBy(() -> CommandLine.parse(new String[] {"--verbose"}, Map.of()))
        .hasMessageContaining("unknown argument '--verbose'");
    assertThatThrownBy(() -> CommandLine.parse(new String[] {"--config"}, Map.of()))
        .hasMessageContaining("--config needs a value");
  }

  @Test
  void hashKeyIsAModeOfItsOwn() {
    assertThat(CommandLine.parse(new String[] {"--hash-key", "--config", "a.conf"}, Map.of()).hashKey()).isTrue();
    assertThat(CommandLine.parse(new String[0], Map.of()).hashKey()).isFalse();
  }
}
