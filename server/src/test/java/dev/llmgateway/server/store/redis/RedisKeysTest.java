package dev.llmgateway.server.store.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RedisKeysTest {
  @Test
  void formatsEveryKeyKind() {
    assertThat(RedisKeys.quota("key_1", "tokens_per_day:model=gpt-4o", 1714521600))
        .isEqualTo("gw:v1:quota:{key_1}:tokens_per_day:model=gpt-4o:1714521600");
    assertThat(RedisKeys.leases("key_1", "concurrent")).isEqualTo("gw:v1:lease:{key_1}:concurrent");
    assertThat(RedisKeys.reservation("key_1", "req-1")).isEqualTo("gw:v1:resv:{key_1}:req-1");
    assertThat(RedisKeys.usage("key_1", LocalDate.parse("2024-05-01"))).isEqualTo("gw:v1:usage:{key_1}:2024-05-01");
    assertThat(RedisKeys.usageDays("key_1")).isEqualTo("gw:v1:usage:{key_1}:days");
    assertThat(RedisKeys.apiKey("key_1")).isEqualTo("gw:v1:apikey:{key_1}");
  }

  @Test
  void escapesWhatCouldEndTheHashTagOrCollide() {
    assertThat(RedisKeys.tag("a{b}c")).isEqualTo("{a%7Bb%7Dc}");
    assertThat(RedisKeys.tag("a:b%c")).isEqualTo("{a%3Ab%25c}");
    assertThat(RedisKeys.tag("tab\there")).isEqualTo("{tab%09here}");
    // An id that looks escaped stays distinct from the id it looks like.
    assertThat(RedisKeys.tag("a%7Bb")).isNotEqualTo(RedisKeys.tag("a{b"));
    assertThat(RedisKeys.tag("plain-id_1.x")).isEqualTo("{plain-id_1.x}");
  }

  @Test
  void splitsUsageFieldsBackIntoTheirParts() {
    String field = UsageFields.field("org|model%7C", "p|q", "input_tokens");

    assertThat(field).isEqualTo("org%7Cmodel%257C|p%7Cq|input_tokens");
    assertThat(UsageFields.parse(field)).isEqualTo(new UsageFields.Parsed("org|model%7C", "p|q", 2));
    assertThat(UsageFields.parse("a|b|unknown_measure")).isNull();
    assertThat(UsageFields.parse("a|b")).isNull();
  }
}
