package dev.llmgateway.server.providers.gemini;

import static dev.llmgateway.server.providers.gemini.GeminiTesting.fixture;
import static dev.llmgateway.server.providers.gemini.GeminiTesting.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.FieldViolation;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.testing.WireFixture;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GeminiErrorsTest {
  private final GeminiErrors errors =
      new GeminiErrors("google", Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

  @ParameterizedTest
  @CsvSource({
      "error-400-invalid-argument,INVALID_REQUEST,400",
      "error-400-api-key-invalid,PROVIDER_MISCONFIGURED,400",
      "error-429-resource-exhausted,PROVIDER_RATE_LIMITED,429",
      "error-503-unavailable,PROVIDER_UNAVAILABLE,503"})
  void classifiesEachRecordedErrorBody(String stem, ErrorKind kind, int status) {
    WireFixture fixture = fixture(stem);

    GatewayException e = errors.fromResponse(fixture.code(), Headers.of(), fixture.body());

    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.upstreamStatus()).isEqualTo(status);
    assertThat(e.provider()).isEqualTo("google");
  }

  @Test
  void takesTheRetryDelayOfARateLimitFromTheRetryInfoDetail() {
    WireFixture fixture = fixture("error-429-resource-exhausted");

    GatewayException e = errors.fromResponse(429, Headers.of("retry-after", "60"), fixture.body());

    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    assertThat(e.getMessage()).contains("rate limiting").contains("RESOURCE_EXHAUSTED")
        .doesNotContain("free_tier").doesNotContain("Quota exceeded");
  }

  @Test
  void fallsBackToTheRetryAfterHeaderWithoutRetryInfo() {
    GatewayException e = errors.fromResponse(503, Headers.of("retry-after", "12"),
        fixture("error-503-unavailable").body());

    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(12));
  }

  @ParameterizedTest
  @CsvSource({"7s,7000", "37s,37000", "0.5s,500", "7.967587226s,7968", "0s,0", "1e-400000000s,1"})
  void readsRetryDelaysAsProtobufDurations(String delay, long millis) {
    assertThat(GeminiErrors.retryDelay(json("{\"retryDelay\": \"" + delay + "\"}")))
        .isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest
  @CsvSource({"7", "-1s", "soon", "1e400000000s", "90000s"})
  void ignoresRetryDelaysItCannotRead(String delay) {
    assertThat(GeminiErrors.retryDelay(json("{\"retryDelay\": \"" + delay + "\"}"))).isNull();
  }

  @Test
  void neverRepeatsTheProvidersTextForAnInvalidKey() {
    GatewayException e = errors.fromResponse(400, Headers.of(), fixture("error-400-api-key-invalid").body());

    assertThat(e.getMessage()).contains("API_KEY_INVALID").doesNotContain("Please pass");
    assertThat(e.violations()).isEmpty();
  }

  @Test
  void passesOnTheSummaryOfAnInvalidRequest() {
    GatewayException e = errors.fromResponse(400, Headers.of(), fixture("error-400-invalid-argument").body());

    assertThat(e.getMessage()).contains("Request contains an invalid argument.");
    assertThat(e.violations()).containsExactly(
        new FieldViolation("messages", "Request contains an invalid argument."));
  }

  @Test
  void recognisesAPromptTooLongForTheContextWindow() {
    GatewayException e = errors.fromResponse(400, Headers.of(), body(400, "INVALID_ARGUMENT",
        "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576)."));

    assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
  }

  @Test
  void pointsAtTheContractFieldBehindAGeminiFieldViolation() {
    String body = """
        {"error": {"code": 400, "status": "INVALID_ARGUMENT", "message": "temperature out of range",
          "details": [{"@type": "type.googleapis.com/google.rpc.BadRequest",
            "fieldViolations": [{"field": "generationConfig.temperature", "description": "out of range"}]}]}}
        """;

    GatewayException e = errors.fromResponse(400, Headers.of(), body.getBytes(StandardCharsets.UTF_8));

    assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("temperature");
  }

  @ParameterizedTest
  @CsvSource({
      "400,FAILED_PRECONDITION,PROVIDER_MISCONFIGURED",
      "401,UNAUTHENTICATED,PROVIDER_MISCONFIGURED",
      "403,PERMISSION_DENIED,PROVIDER_MISCONFIGURED",
      "404,NOT_FOUND,MODEL_NOT_FOUND",
      "402,RESOURCE_EXHAUSTED,PROVIDER_MISCONFIGURED",
      "500,INTERNAL,PROVIDER_UNAVAILABLE",
      "504,DEADLINE_EXCEEDED,PROVIDER_TIMEOUT",
      "501,UNIMPLEMENTED,INVALID_REQUEST",
      "418,SOMETHING_NEW,INVALID_REQUEST"})
  void classifiesEachCanonicalStatus(int code, String status, ErrorKind kind) {
    GatewayException e = errors.fromResponse(code, Headers.of(), body(code, status, "whatever"));

    assertThat(e.kind()).isEqualTo(kind);
  }

  @Test
  void classifiesAnHtmlPageByItsHttpStatus() {
    GatewayException e = errors.fromResponse(502, Headers.of(),
        "<html><body>Bad Gateway</body></html>".getBytes(StandardCharsets.UTF_8));

    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(e.upstreamStatus()).isEqualTo(502);
  }

  @Test
  void classifiesAStreamErrorByItsCode() {
    GatewayException e = errors.fromStreamError(json("{\"code\": 429, \"message\": \"slow down\"}"));

    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_RATE_LIMITED);
    assertThat(e.upstreamStatus()).isZero();
  }

  private static byte[] body(int code, String status, String message) {
    return ("{\"error\": {\"code\": " + code + ", \"message\": \"" + message + "\", \"status\": \"" + status + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
