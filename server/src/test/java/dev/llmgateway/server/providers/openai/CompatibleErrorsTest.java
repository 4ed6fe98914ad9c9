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

/** Classifies the error bodies of Azure OpenAI and Hugging Face's servers, as recorded, without HTTP. */
class CompatibleErrorsTest {
  private final OpenAiErrors errors = OpenAiTesting.errors();

  @Test
  void namesTheFilteredCategoriesOfAzuresPromptFilterButNotTheBlocklist() {
    GatewayException e = classify("azure-openai", "error-400-content-filter", "messages");

    assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_FILTERED);
    assertThat(e.kind().retryable()).isFalse();
    assertThat(e.getMessage()).startsWith("provider 'openai-test' refused the request under its content policy"
        + " (filtered categories: custom_blocklists): The response was filtered due to the prompt");
    assertThat(e.getMessage()).doesNotContain("raiBlocklistName");
    assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("prompt");
  }

  @Test
  void readsTheDocumentedPluralVerdictAndFlagsFromOptionalModels() {
    GatewayException e = errors.classify(400, Headers.EMPTY, bytes("""
        {"error": {"message": "filtered", "code": "content_filter", "status": 400,
          "innererror": {"code": "ResponsibleAIPolicyViolation", "content_filter_results": {
            "hate": {"filtered": true, "severity": "high"}, "jailbreak": {"detected": true, "filtered": true},
            "violence": {"filtered": false, "severity": "safe"}, "profanity": {"detected": true, "filtered": false}}}}}
        """), null);

    assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_FILTERED);
    assertThat(e.getMessage()).contains("(filtered categories: hate, jailbreak)");
  }

  @Test
  void treatsTheResponsibleAiInnerCodeAsAContentRefusalWhateverTheOuterCode() {
    GatewayException e = errors.classify(400, Headers.EMPTY, bytes(
        "{\"error\":{\"code\":\"content_policy_violation\",\"message\":\"Your request was rejected.\","
            + "\"innererror\":{\"code\":\"ResponsibleAIPolicyViolation\"}}}"), null);

    assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_FILTERED);
    assertThat(e.getMessage()).doesNotContain("filtered categories");
  }

  @Test
  void mapsAzuresStringCodedRateLimitWithRetryAfter() {
    GatewayException e = classify("azure-openai", "error-429-rate-limit", "messages");

    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_RATE_LIMITED);
    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(45));
    assertThat(e.getMessage()).isEqualTo("provider 'openai-test' is rate limiting the gateway (HTTP 429, 429)");
  }

  @Test
  void mapsTheCamelCaseImageFilterCode() {
    GatewayException e = classify("azure-openai", "error-400-image-content-filter", "prompt");

    assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_FILTERED);
    assertThat(e.violations()).containsExactly(
        new FieldViolation("prompt", "Your task failed as a result of our safety system."));
  }

  @Test
  void mapsTgiTokenLimitToContextWindowExceeded() {
    GatewayException e = classify("huggingface", "tgi-error-422-validation", "messages");

    assertThat(e.kind()).isEqualTo(ErrorKind.CONTEXT_WINDOW_EXCEEDED);
    assertThat(e.getMessage()).startsWith("the prompt does not fit the model's context window: Input validation error");
  }

  @Test
  void mapsTeiValidationToInvalidRequestOnTheGivenField() {
    GatewayException e = classify("huggingface", "tei-error-422-batch-size", "inputs");

    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.violations()).containsExactly(new FieldViolation("inputs", "batch size 64 > maximum allowed batch size 32"));
  }

  @Test
  void classifiesTgiStreamErrorEventsByTheClassTheirMessageNames() throws IOException {
    GatewayException generation = errors.fromStreamEvent(Json.parse(
        "{\"error\":{\"message\":\"Request failed during generation: Server error\",\"http_status_code\":422}}"));
    GatewayException overloaded = errors.fromStreamEvent(Json.parse(
        "{\"error\":{\"message\":\"Model is overloaded\",\"http_status_code\":422}}"));
    GatewayException validation = errors.fromStreamEvent(Json.parse(
        "{\"error\":{\"message\":\"Input validation error: `temperature` must be strictly positive\","
            + "\"http_status_code\":422}}"));

    assertThat(generation.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(overloaded.kind()).isEqualTo(ErrorKind.PROVIDER_RATE_LIMITED);
    assertThat(validation.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(validation.upstreamStatus()).isEqualTo(422);
  }

  @Test
  void prefersTheRetryAfterHeaderToTheEstimatedLoadingTime() {
    byte[] loading = bytes("{\"error\":\"Model x is currently loading\",\"estimated_time\":12.5}");

    assertThat(errors.classify(503, Headers.EMPTY, loading, null).retryAfter()).isEqualTo(Duration.ofMillis(12500));
    assertThat(errors.classify(503, Headers.of("retry-after", "3"), loading, null).retryAfter())
        .isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void mapsFailedDependencyToUnavailable() {
    GatewayException e = errors.classify(424, Headers.EMPTY, bytes("<html>424</html>"), null);

    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(e.getMessage()).isEqualTo("provider 'openai-test' is unavailable (HTTP 424)");
  }

  private GatewayException classify(String provider, String stem, String field) {
    WireFixture fixture = WireFixture.load(provider, stem, "json");
    return errors.classify(fixture.code(), fixture.toResponse().getHeaders(), fixture.body(), null, field);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
