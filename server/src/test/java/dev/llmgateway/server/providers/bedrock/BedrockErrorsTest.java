package dev.llmgateway.server.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import java.nio.charset.StandardCharsets;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Classifies Bedrock error answers and the exception frames of its event streams. */
class BedrockErrorsTest {
  private final BedrockErrors errors = BedrockTesting.errors();

  @ParameterizedTest
  @CsvSource({
      "throttlingException,Too many requests,PROVIDER_RATE_LIMITED",
      "modelStreamErrorException,Model stream error,PROVIDER_UNAVAILABLE",
      "validationException,Input is too long for requested model.,CONTEXT_WINDOW_EXCEEDED",
      "validationException,A conversation must start with a user message.,INVALID_REQUEST",
      "internalServerException,Internal error,PROVIDER_UNAVAILABLE",
      "serviceUnavailableException,Service unavailable,PROVIDER_UNAVAILABLE",
      "somethingNewException,?,PROVIDER_UNAVAILABLE"})
  void classifiesEachStreamExceptionType(String type, String message, ErrorKind kind) {
    GatewayException e = errors.fromStreamException(type, message);

    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.upstreamStatus()).isZero();
    assertThat(e.provider()).isEqualTo(BedrockTesting.PROVIDER);
  }

  @Test
  void summarisesOnlyAnInvalidRequestsOwnMessageAndNamesTheMessagesField() {
    GatewayException e = errors.fromResponse(400, Headers.of("x-amzn-ErrorType", "ValidationException"),
        bytes("{\"message\":\"The model returned the following errors: temperature: range: 0..1\"}"));

    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
    assertThat(e.getMessage()).contains("temperature: range: 0..1");
    assertThat(e.violations()).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("messages"));
  }

  @Test
  void fallsBackToTheStatusForABodyThatIsNotJson() {
    GatewayException e = errors.fromResponse(502, Headers.of(), bytes("<html>Bad Gateway</html>"));

    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(e.getMessage()).doesNotContain("html");
  }

  @Test
  void readsTheErrorTypeOutOfItsHeaderAndBodySpellings() {
    assertThat(BedrockErrors.errorType("AccessDeniedException:http://internal.amazon.com/coral/com.amazon.bedrock/"))
        .isEqualTo("AccessDeniedException");
    assertThat(BedrockErrors.errorType("com.amazonaws.bedrock#ResourceNotFoundException"))
        .isEqualTo("ResourceNotFoundException");
    assertThat(BedrockErrors.errorType(" ")).isNull();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
