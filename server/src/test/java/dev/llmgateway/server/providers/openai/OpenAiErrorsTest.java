package dev.llmgateway.server.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.FieldViolation;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.providers.http.Json;
import dev.llmgateway.server.testing.WireFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class OpenAiErrorsTest {
  private final OpenAiErrors errors = OpenAiTesting.errors();

  @Test
  void mapsContextLengthExceededToContextWindowExceeded() {
    GatewayException e = classify("error-400-context-length-exceeded");

    assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
    assertThat(e.upstreamStatus()).isEqualTo(400);
    assertThat(e.provider()).isEqualTo(OpenAiTesting.PROVIDER);
    assertThat(e.getMessage()).contains("maximum context length is 4097 tokens");
    assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("messages");
  }

  @Test
  void mapsAnInvalidRequestToInvalidRequestWithTheSummarisedMessage() {
    GatewayException e = classify("error-400-invalid-request");

    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.retryAfter()).isNull();
    assertThat(e.violations()).containsExactly(
        new FieldViolation("messages", "Unrecognized request argument supplied: reasoning_effort"));
    assertThat(e.getMessage()).isEqualTo(
        "provider 'openai-test' rejected the request: Unrecognized request argument supplied: reasoning_effort");
  }

  @Test
  void namesTheProvidersParamAsTheBadField() {
    GatewayException e = errors.classify(400, Headers.EMPTY, bytes("""
        {"error": {"message": "Invalid 'messages[1].content': string too long.", "type": "invalid_request_error",
          "param": "messages[1].content", "code": "string_above_max_length"}}
        """), null);

    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("messages[1].content");
  }

  @Test
  void mapsAnInvalidApiKeyToMisconfiguredWithoutEchoingTheKey() {
    GatewayException e = classify("error-401-invalid-api-key");

    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_MISCONFIGURED);
    assertThat(e.upstreamStatus()).isEqualTo(401);
    assertThat(e.getMessage()).doesNotContain("sk-").doesNotContain("wjh3").contains("invalid_api_key");
    assertThat(e.violations()).isEmpty();
  }

  @Test
  void mapsModelNotFoundToModelNotFound() {
    GatewayException e = classify("error-404-model-not-found");

    assertThat(e.kind()).isEqualTo(ErrorKind.MODEL_NOT_FOUND);
    assertThat(e.upstreamStatus()).isEqualTo(404);
  }

  @Test
  void mapsInsufficientQuotaToMisconfiguredNotRetryable() {
    GatewayException e = classify("error-429-insufficient-quota");

    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_MISCONFIGURED);
    assertThat(e.kind().retryable()).isFalse();
    assertThat(e.retryAfter()).isNull();
    assertThat(e.upstreamStatus()).isEqualTo(429);
  }

  @Test
  void mapsRateLimitToRateLimitedWithRetryAfter() {
    GatewayException e = classify("error-429-rate-limit-exceeded");

    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_RATE_LIMITED);
    assertThat(e.kind().retryable()).isTrue();
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    assertThat(e.getMessage()).doesNotContain("org-xxxxxxxxxxxxxxxx");
  }

  @Test
  void prefersTheMillisecondRetryHint() {
    GatewayException e = errors.classify(429, Headers.of("retry-after-ms", "976", "retry-after", "1"),
        bytes("{\"error\":{\"message\":\"slow down\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}"), null);

    assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(976));
  }

  @Test
  void mapsServerErrorToUnavailable() {
    GatewayException e = classify("error-500-server-error");

    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(e.upstreamStatus()).isEqualTo(500);
    assertThat(e.getMessage()).doesNotContain("req_540c6eaab7f4556b2baa22bcba915d51");
  }

  @Test
  void mapsOverloadedToUnavailable() {
    GatewayException e = classify("error-503-overloaded");

    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(e.upstreamStatus()).isEqualTo(503);
  }

  @Test
  void mapsAContentFilterRejectionToContentFiltered() {
    GatewayException e = errors.classify(400, Headers.EMPTY, bytes("""
        {"error": {"message": "The response was filtered due to the prompt triggering the content management policy.",
          "type": null, "param": "prompt", "code": "content_filter", "status": 400}}
        """), null);

    assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_FILTERED);
    assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("prompt");
  }

  @Test
  void mapsAContentPolicyViolationToContentFiltered() {
    GatewayException e = errors.classify(400, Headers.EMPTY, bytes(
        "{\"error\":{\"message\":\"Your request was rejected.\",\"type\":\"invalid_request_error\","
            + "\"code\":\"content_policy_violation\"}}"), null);

    assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_FILTERED);
  }

  @Test
  void classifiesAMalformedErrorBodyByStatus() {
    byte[] html = bytes("<html><body><h1>502 Bad Gateway</h1></body></html>");

    assertThat(errors.classify(502, Headers.EMPTY, html, null).kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(errors.classify(400, Headers.EMPTY, html, null).kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(errors.classify(429, Headers.EMPTY, bytes("{\"error\":"), null).kind())
        .isEqualTo(ErrorKind.PROVIDER_RATE_LIMITED);
    assertThat(errors.classify(403, Headers.EMPTY, new byte[0], null).kind())
        .isEqualTo(ErrorKind.PROVIDER_MISCONFIGURED);
    assertThat(errors.classify(400, Headers.EMPTY, html, null).getMessage()).doesNotContain("html");
  }

  @Test
  void readsTopLevelErrorFieldsOfCompatibleServers() {
    GatewayException e = errors.classify(400, Headers.EMPTY, bytes(
        "{\"object\":\"error\",\"message\":\"This model's maximum context length is 8192 tokens.\","
            + "\"type\":\"BadRequestError\",\"param\":null,\"code\":\"context_length_exceeded\"}"), null);

    assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
  }

  @Test
  void readsAPlainStringError() {
    GatewayException e = errors.classify(400, Headers.EMPTY, bytes("{\"error\":\"invalid message format\"}"), null);

    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.violations()).containsExactly(new FieldViolation("messages", "invalid message format"));
  }

  @Test
  void classifiesAStreamErrorEventWithoutStatusAsUnavailable() throws IOException {
    GatewayException e = errors.fromStreamEvent(Json.parse(
        "{\"error\":{\"message\":\"The server had an error while processing your request.\",\"type\":\"server_error\"}}"));

    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(e.upstreamStatus()).isZero();
  }

  @Test
  void classifiesAStreamErrorEventByItsType() throws IOException {
    assertThat(errors.fromStreamEvent(Json.parse(
        "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\"}}")).kind())
        .isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(errors.fromStreamEvent(Json.parse(
        "{\"error\":{\"message\":\"slow\",\"type\":\"tokens\",\"code\":\"rate_limit_exceeded\"}}")).kind())
        .isEqualTo(ErrorKind.PROVIDER_RATE_LIMITED);
  }

  private GatewayException classify(String stem) {
    WireFixture fixture = WireFixture.load("openai", stem, "json");
    return errors.classify(fixture.code(), fixture.toResponse().getHeaders(), fixture.body(), null);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
