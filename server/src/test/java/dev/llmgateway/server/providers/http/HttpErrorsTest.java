package dev.llmgateway.server.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/** When to try again: explicit Retry-After hints first, else the reset time of an exhausted rate limit. */
class HttpErrorsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void retryAfterMillisWinsOverEverythingElse() {
    Headers headers = Headers.of("retry-after-ms", "250", "retry-after", "3", "x-ratelimit-remaining-requests", "0",
        "x-ratelimit-reset-requests", "20s");

    assertThat(HttpErrors.retryAfter(headers, clock)).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void theResetOfTheExhaustedLimitIsTheHintWhenNoRetryAfterIsGiven() {
    Headers tokens = Headers.of("x-ratelimit-remaining-requests", "99", "x-ratelimit-reset-requests", "120ms",
        "x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "6m0.5s");
    Headers both = Headers.of("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "1s",
        "x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "250ms");

    assertThat(HttpErrors.retryAfter(tokens, clock)).isEqualTo(Duration.ofMillis(360_500));
    assertThat(HttpErrors.retryAfter(both, clock)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aResetWithoutAnExhaustedLimitOrInAnUnknownFormatIsNoHint() {
    assertThat(HttpErrors.retryAfter(Headers.of("x-ratelimit-remaining-requests", "5",
        "x-ratelimit-reset-requests", "1s"), clock)).isNull();
    assertThat(HttpErrors.retryAfter(Headers.of("x-ratelimit-remaining-requests", "0",
        "x-ratelimit-reset-requests", "soon"), clock)).isNull();
    assertThat(HttpErrors.retryAfter(Headers.of("x-ratelimit-remaining-requests", "0",
        "x-ratelimit-reset-requests", "2s later"), clock)).isNull();
  }

  @Test
  void anthropicsExhaustedLimitResetIsTheHintWhenNoRetryAfterIsGiven() {
    Headers requests = Headers.of("anthropic-ratelimit-requests-remaining", "0",
        "anthropic-ratelimit-requests-reset", "2026-01-01T00:00:20Z",
        "anthropic-ratelimit-tokens-remaining", "48000", "anthropic-ratelimit-tokens-reset", "2026-01-01T00:05:00Z");
    Headers past = Headers.of("anthropic-ratelimit-output-tokens-remaining", "0",
        "anthropic-ratelimit-output-tokens-reset", "2025-12-31T23:59:00Z");
    Headers garbled = Headers.of("anthropic-ratelimit-requests-remaining", "0",
        "anthropic-ratelimit-requests-reset", "in a minute");

    assertThat(HttpErrors.retryAfter(requests, clock)).isEqualTo(Duration.ofSeconds(20));
    assertThat(HttpErrors.retryAfter(past, clock)).isEqualTo(Duration.ZERO);
    assertThat(HttpErrors.retryAfter(garbled, clock)).isNull();
    assertThat(HttpErrors.retryAfter(Headers.of("retry-after", "7", "anthropic-ratelimit-requests-remaining", "0",
        "anthropic-ratelimit-requests-reset", "2026-01-01T00:00:20Z"), clock)).isEqualTo(Duration.ofSeconds(7));
  }
}
