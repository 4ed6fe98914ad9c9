package dev.llmgateway.server.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.testing.LogCapture;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The access log's line format and where it goes. */
class AccessLogTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-05-01T12:00:00.123456Z"), ZoneOffset.UTC);

  private final AccessLog log = new AccessLog(CLOCK);
  private final Logger logger = Logger.getLogger(AccessLog.LOGGER_NAME);
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler capture = LogCapture.collecting(records);

  @BeforeEach
  void capture() {
    logger.addHandler(capture);
  }

  @AfterEach
  void release() {
    logger.removeHandler(capture);
    logger.setLevel(null);
  }

  @Test
  void writesOneKeyValueLinePerCall() {
    log.log(CallOutcome.builder("4f2a9c", "Complete").keyId("team-a").model("gpt-4o").provider("openai")
        .durationNanos(812_402_123).upstreamNanos(805_115_000).tokens(12, 40, 0).finishReason("stop").build());

    assertThat(records).singleElement().satisfies(r -> {
      assertThat(r.getLevel()).isEqualTo(Level.INFO);
      assertThat(r.getMessage()).isEqualTo("time=2025-05-01T12:00:00.123Z request_id=4f2a9c method=Complete"
          + " key_id=team-a model=gpt-4o provider=openai status=OK input_tokens=12 output_tokens=40"
          + " duration_ms=812.402 upstream_ms=805.115 finish_reason=stop");
    });
  }

  @Test
  void writesUnknownValuesAsDashes() {
    String line = log.format(CallOutcome.builder("r", "Complete").status("UNAUTHENTICATED").durationNanos(42_000).build());

    assertThat(line).isEqualTo("time=2025-05-01T12:00:00.123Z request_id=r method=Complete key_id=- model=- provider=-"
        + " status=UNAUTHENTICATED input_tokens=0 output_tokens=0 duration_ms=0.042 upstream_ms=0.000 finish_reason=-");
  }

  @Test
  void quotesValuesThatWouldBreakTheLine() {
    String line = log.format(CallOutcome.builder("r", "Complete").model("bad model=\"x\"\nforged=1").build());

    assertThat(line).contains(" model=\"bad model=\\\"x\\\"\\nforged=1\" ").doesNotContain("\n");
  }

  @Test
  void writesNothingWhenTheLoggerIsOff() {
    logger.setLevel(Level.WARNING);

    log.log(CallOutcome.builder("r", "Complete").build());

    assertThat(records).isEmpty();
  }
}
