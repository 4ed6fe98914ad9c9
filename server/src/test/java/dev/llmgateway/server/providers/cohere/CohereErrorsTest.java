package dev.llmgateway.server.providers.cohere;

import static dev.llmgateway.server.providers.cohere.CohereTesting.PROVIDER;
import static dev.llmgateway.server.providers.cohere.CohereTesting.errors;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Classifies Cohere error answers. Cohere publishes no recorded error bodies, only the {@code {"message"}}
 * shape and example messages per status in its error reference; the bodies here use those messages.
 */
class CohereErrorsTest {
  private final CohereErrors errors = errors();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "400|invalid request: valid input_type must be provided with the provided model|INVALID_REQUEST",
      "400|too many tokens: total number of tokens in the prompt cannot exceed 4081 - received 4292. Try using a shorter prompt, or enabling prompt truncating.|CONTEXT_WINDOW_EXCEEDED",
      "400|too many tokens: size limit exceeded by 11326 tokens. Try using shorter or fewer inputs.|CONTEXT_WINDOW_EXCEEDED",
      "401|invalid api token|PROVIDER_MISCONFIGURED",
      "402|Please add or update your payment method at https://dashboard.cohere.com/billing?tab=payment to continue|PROVIDER_MISCONFIGURED",
      "403|forbidden|PROVIDER_MISCONFIGURED",
      "404|model 'xyz' not found, make sure the correct model ID was used and that you have access to the model.|MODEL_NOT_FOUND",
      "422|unprocessable entity|INVALID_REQUEST",
      "429|You are past the per minute request limit, please wait and try again later.|PROVIDER_RATE_LIMITED",
      "498|blocked output|CONTENT_FILTERED",
      "499|request cancelled|PROVIDER_UNAVAILABLE",
      "500|internal server error|PROVIDER_UNAVAILABLE",
      "501|not implemented|INVALID_REQUEST",
      "503|service unavailable|PROVIDER_UNAVAILABLE",
      "504|gateway timeout|PROVIDER_TIMEOUT"})
  void classifiesEveryDocumentedStatus(int status, String message, ErrorKind kind) {
    GatewayException e = classify(status, "{\"id\":\"e1\",\"message\":\"" + message + "\"}", Headers.EMPTY);

    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.provider()).isEqualTo(PROVIDER);
    assertThat(e.upstreamStatus()).isEqualTo(status);
  }

  @Test
  void pointsAnOversizedMaxTokensAtTheOutputLimitRatherThanTheContextWindow() {
    GatewayException e = classify(400, "{\"message\":\"too many tokens: max tokens must be less than or equal to 4096,"
        + " the maximum output for this model - received 8192.\"}", Headers.EMPTY);

    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.violations().get(0).field()).isEqualTo("max_output_tokens");
  }

  @Test
  void quotesTheMessageOfARejectedRequestAndNamesTheField() {
    GatewayException e = classify(400, "{\"message\":\"invalid request: total number of texts must be at most 96\"}",
        Headers.EMPTY, "inputs");

    assertThat(e.getMessage()).contains("total number of texts must be at most 96");
    assertThat(e.violations().get(0).field()).isEqualTo("inputs");
  }

  @Test
  void neverQuotesAccountTextsOrServerFailures() {
    GatewayException billing = classify(402, "{\"message\":\"Maximum billing reached for this API key co-secret\"}",
        Headers.EMPTY);
    GatewayException server = classify(500, "{\"message\":\"stack trace at worker-17\"}", Headers.EMPTY);

    assertThat(billing.getMessage()).doesNotContain("co-secret").contains("HTTP 402");
    assertThat(server.getMessage()).doesNotContain("worker-17");
  }

  @Test
  void takesTheDelayOfARateLimitFromRetryAfter() {
    GatewayException e = classify(429, "{\"message\":\"Please wait and try again later\"}",
        Headers.of("retry-after", "12"));

    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(12));
  }

  @Test
  void classifiesByStatusWhenTheBodyIsNotJson() {
    GatewayException e = classify(503, "<html>upstream connect error</html>", Headers.EMPTY);

    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(e.getMessage()).doesNotContain("html");
  }

  @Test
  void readsTheDataFieldOfTheSchemasThatUseIt() {
    GatewayException e = classify(400, "{\"data\":\"invalid request: message must not be empty in a turn\"}",
        Headers.EMPTY);

    assertThat(e.getMessage()).contains("message must not be empty in a turn");
  }

  private GatewayException classify(int status, String body, Headers headers) {
    return classify(status, body, headers, "messages");
  }

  private GatewayException classify(int status, String body, Headers headers, String field) {
    return errors.fromResponse(status, headers, body.getBytes(StandardCharsets.UTF_8), field);
  }
}
