package dev.llmgateway.server.providers.anthropic;

import static dev.llmgateway.server.providers.anthropic.AnthropicTesting.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.FieldViolation;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.testing.WireFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnthropicErrorsTest {
  private final AnthropicErrors errors = AnthropicTesting.errors();

  @ParameterizedTest
  @CsvSource({
      "error-400-invalid-request,INVALID_REQUEST",
      "error-400-prompt-too-long,CONTEXT_WINDOW_EXCEEDED",
      "error-401-authentication,PROVIDER_MISCONFIGURED",
      "error-403-permission,PROVIDER_MISCONFIGURED",
      "error-404-not-found,MODEL_NOT_FOUND",
      "error-413-request-too-large,INVALID_REQUEST",
      "error-429-rate-limit,PROVIDER_RATE_LIMITED",
      "error-500-api-error,PROVIDER_UNAVAILABLE",
      "error-529-overloaded,PROVIDER_UNAVAILABLE"})
  void classifiesEachRecordedErrorResponse(String stem, ErrorKind kind) {
    WireFixture fixture = fixture(stem);

    GatewayException e = errors.fromResponse(fixture.code(), Headers.of(), fixture.body());

    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.upstreamStatus()).isEqualTo(fixture.code());
    assertThat(e.provider()).isEqualTo("claude");
    assertThat(e.getMessage()).doesNotContain("req_0");
  }

  @Test
  void passesOnASummaryOfAnInvalidRequestNamingTheMessagesField() {
    GatewayException e = errors.fromResponse(400, Headers.of(), fixture("error-400-invalid-request").body());

    assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("messages");
    assertThat(e.violations().get(0).description()).startsWith("messages.0.content.1: unexpected `tool_use_id`");
    assertThat(e.getMessage()).contains("rejected the request");
  }

  @Test
  void recognisesAPromptTooLongAsAContextWindowOverflow() {
    GatewayException e = errors.fromResponse(400, Headers.of(), fixture("error-400-prompt-too-long").body());

    assertThat(e.getMessage()).contains("prompt is too long: 1036683 tokens > 1000000 maximum");
    assertThat(e.violations()).isEmpty();
  }

  @Test
  void recognisesInputPlusMaxTokensOverTheLimitAsAContextWindowOverflow() {
    byte[] body = ("{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
        + "\"input length and `max_tokens` exceed context limit: 188240 + 21333 > 200000\"}}")
        .getBytes(StandardCharsets.UTF_8);

    assertThat(errors.fromResponse(400, Headers.of(), body).kind()).isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
  }

  @Test
  void takesTheRetryDelayOfARateLimitFromRetryAfterWithoutEchoingTheProviderMessage() {
    GatewayException e = errors.fromResponse(429, Headers.of("retry-after", "7"),
        fixture("error-429-rate-limit").body());

    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    assertThat(e.kind().retryable()).isTrue();
    assertThat(e.getMessage()).doesNotContain("org:").doesNotContain("5576611f");
  }

  @Test
  void keepsTheCredentialsProvidersMessageOutOfTheException() {
    GatewayException e = errors.fromResponse(401, Headers.of(), fixture("error-401-authentication").body());

    assertThat(e.getMessage()).doesNotContain("x-api-key").contains("authentication_error");
  }

  @Test
  void classifiesABodyThatIsNotJsonByStatus() {
    byte[] html = "<html><body>502 Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8);

    GatewayException e = errors.fromResponse(502, Headers.of(), html);

    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(e.getMessage()).doesNotContain("html");
  }

  @Test
  void classifiesAnEmptyBodyByStatus() {
    assertThat(errors.fromResponse(404, Headers.of(), new byte[0]).kind()).isEqualTo(ErrorKind.MODEL_NOT_FOUND);
  }
}
