package dev.llmgateway.server.providers.ollama;

import static dev.llmgateway.server.providers.ollama.OllamaTesting.PROVIDER;
import static dev.llmgateway.server.providers.ollama.OllamaTesting.errors;
import static dev.llmgateway.server.providers.ollama.OllamaTesting.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.errors.ErrorKind;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.testing.WireFixture;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Classifies Ollama's {"error": ...} answers, error lines and an unreachable server. */
class OllamaErrorsTest {
  private final OllamaErrors errors = errors();

  @Test
  void mapsTheRecordedMissingModelToModelNotFoundAndKeepsOllamasAdvice() {
    WireFixture recorded = fixture("error-404-model-not-found");

    GatewayException e = errors.fromResponse(recorded.code(), Headers.EMPTY, recorded.body(), "messages");

    assertThat(e.kind()).isEqualTo(ErrorKind.MODEL_NOT_FOUND);
    assertThat(e.upstreamStatus()).isEqualTo(404);
    assertThat(e.provider()).isEqualTo(PROVIDER);
    assertThat(e.getMessage()).contains("model \"llama3.2\" not found, try pulling it first");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "400|invalid format: expected \\\"json\\\" or a valid JSON schema|INVALID_REQUEST",
      "400|the input length exceeds the context length|CONTEXT_WINDOW_EXCEEDED",
      "401|unauthorized|PROVIDER_MISCONFIGURED",
      "403|cloud model access is disabled|PROVIDER_MISCONFIGURED",
      "429|too many requests|PROVIDER_RATE_LIMITED",
      "500|llama runner process has terminated: exit status 2|PROVIDER_UNAVAILABLE",
      "502|cloud model could not be reached|PROVIDER_UNAVAILABLE",
      "503|server busy, please try again.  maximum pending requests exceeded|PROVIDER_UNAVAILABLE"})
  void classifiesEveryDocumentedStatus(int status, String message, ErrorKind kind) {
    GatewayException e = classify(status, "{\"error\":\"" + message + "\"}", Headers.EMPTY);

    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.upstreamStatus()).isEqualTo(status);
  }

  @Test
  void quotesARejectedRequestButNotAServerFailure() {
    GatewayException rejected = classify(400, "{\"error\":\"invalid message role: bot\"}", Headers.EMPTY);
    GatewayException failed = classify(500, "{\"error\":\"CUDA error: out of memory at /build/ggml.c:42\"}",
        Headers.EMPTY);

    assertThat(rejected.getMessage()).contains("invalid message role: bot");
    assertThat(rejected.violations().get(0).field()).isEqualTo("messages");
    assertThat(failed.getMessage()).doesNotContain("CUDA");
  }

  @Test
  void takesTheRetryDelayOfABusyServer() {
    GatewayException e = classify(503, "{\"error\":\"server busy\"}", Headers.of("retry-after", "2"));

    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void classifiesGoPlainTextNotFoundByStatus() {
    GatewayException e = classify(404, "404 page not found", Headers.EMPTY);

    assertThat(e.kind()).isEqualTo(ErrorKind.MODEL_NOT_FOUND);
    assertThat(e.getMessage()).doesNotContain("page not found");
  }

  @Test
  void explainsARefusedConnectionAsOllamaNotRunning() {
    GatewayException shared = GatewayException.builder(ErrorKind.PROVIDER_UNAVAILABLE, "could not be reached")
        .provider(PROVIDER).cause(new ConnectException("Connection refused")).build();

    GatewayException e = errors.unreachable(shared);

    assertThat(e.kind()).isEqualTo(ErrorKind.PROVIDER_UNAVAILABLE);
    assertThat(e.getMessage()).contains("http://localhost:11434").contains("is Ollama running");
    assertThat(e.getCause()).isInstanceOf(ConnectException.class);
  }

  @Test
  void leavesOtherFailuresBeforeAnAnswerAsTheyAre() {
    GatewayException timeout = GatewayException.builder(ErrorKind.PROVIDER_TIMEOUT, "did not answer in time").build();

    assertThat(errors.unreachable(timeout)).isSameAs(timeout);
  }

  private GatewayException classify(int status, String body, Headers headers) {
    return errors.fromResponse(status, headers, body.getBytes(StandardCharsets.UTF_8), "messages");
  }
}
