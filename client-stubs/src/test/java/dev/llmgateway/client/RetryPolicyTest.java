package dev.llmgateway.client;

import static dev.llmgateway.client.Requests.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bundled service config: its content, and that it retries what it says and nothing else. */
class RetryPolicyTest {

  @Test
  void bundledConfigRetriesUnaryMethodsOnUnavailableOnly() {
    Map<String, ?> config = GatewayClient.defaultServiceConfig();
    List<Object> methodConfigs = list(config.get("methodConfig"));
    Map<?, ?> unary = (Map<?, ?>) methodConfigs.get(0);
    Map<?, ?> stream = (Map<?, ?>) methodConfigs.get(1);
    Map<?, ?> retry = (Map<?, ?>) unary.get("retryPolicy");

    assertThat(list(unary.get("name"))).extracting(n -> (Object) ((Map<?, ?>) n).get("method"))
        .containsExactlyInAnyOrder("Complete", "Embed", "ListModels");
    assertThat(retry.get("maxAttempts")).isEqualTo(3.0);
    assertThat(retry.get("initialBackoff")).isEqualTo("0.5s");
    assertThat(retry.get("maxBackoff")).isEqualTo("30s");
    assertThat(retry.get("backoffMultiplier")).isEqualTo(2.0);
    assertThat(list(retry.get("retryableStatusCodes"))).containsExactly("UNAVAILABLE");
    assertThat(unary.get("waitForReady")).isEqualTo(false);
    assertThat(list(stream.get("name"))).extracting(n -> (Object) ((Map<?, ?>) n).get("method"))
        .containsExactly("CompleteStream");
    assertThat(stream.containsKey("retryPolicy")).isFalse();
  }

  private static List<Object> list(Object value) {
    return List.copyOf((List<?>) value);
  }

  @Test
  void unaryCallSucceedsAfterTwoUnavailableAttempts() throws Exception {
    try (ScriptedGateway gateway = ScriptedGateway.plaintext().failing(2);
        GatewayClient client = GatewayClient.builder().target("127.0.0.1:" + gateway.port()).plaintext().build()) {
      assertThat(client.complete(chat("any", "x")).getId()).isEqualTo("scripted-3");
      assertThat(gateway.completeAttempts.get()).isEqualTo(3);
    }
  }

  @Test
  void unaryCallGivesUpAfterThreeAttempts() throws Exception {
    try (ScriptedGateway gateway = ScriptedGateway.plaintext().failing(5);
        GatewayClient client = GatewayClient.builder().target("127.0.0.1:" + gateway.port()).plaintext().build()) {
      assertThatThrownBy(() -> client.complete(chat("any", "x")))
          .isInstanceOfSatisfying(GatewayClientException.class, e -> {
            assertThat(e.code()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(e.isRetryable()).isTrue();
          });
      assertThat(gateway.completeAttempts.get()).isEqualTo(3);
    }
  }

  @Test
  void streamsAreNeverRetried() throws Exception {
    try (ScriptedGateway gateway = ScriptedGateway.plaintext();
        GatewayClient client = GatewayClient.builder().target("127.0.0.1:" + gateway.port()).plaintext().build();
        CompletionStream stream = client.completeStream(chat("any", "x"))) {
      assertThatThrownBy(stream::hasNext).isInstanceOfSatisfying(GatewayClientException.class,
          e -> assertThat(e.code()).isEqualTo(Status.Code.UNAVAILABLE));
      assertThat(gateway.streamAttempts.get()).isEqualTo(1);
    }
  }

  @Test
  void disablingTheDefaultConfigDisablesRetries() throws Exception {
    try (ScriptedGateway gateway = ScriptedGateway.plaintext().failing(1);
        GatewayClient client = GatewayClient.builder().target("127.0.0.1:" + gateway.port()).plaintext()
            .defaultServiceConfig(false).build()) {
      assertThatThrownBy(() -> client.complete(chat("any", "x"))).isInstanceOf(GatewayClientException.class);
      assertThat(gateway.completeAttempts.get()).isEqualTo(1);
    }
  }

  @Test
  void aCustomConfigReplacesTheBundledOne() throws Exception {
    Map<String, ?> fiveAttempts = ServiceConfigs.parse(new StringReader("""
        {"methodConfig": [{"name": [{"service": "llmgateway.v1.GatewayService"}],
          "retryPolicy": {"maxAttempts": 5, "initialBackoff": "0.01s", "maxBackoff": "0.01s",
                          "backoffMultiplier": 1, "retryableStatusCodes": ["UNAVAILABLE"]}}]}
        """));
    try (ScriptedGateway gateway = ScriptedGateway.plaintext().failing(4);
        GatewayClient client = GatewayClient.builder().target("127.0.0.1:" + gateway.port()).plaintext()
            .serviceConfig(fiveAttempts).build()) {
      assertThat(client.complete(chat("any", "x")).getId()).isEqualTo("scripted-5");
    }
  }

  @Test
  void malformedConfigIsRejected() {
    assertThatThrownBy(() -> ServiceConfigs.parse(new StringReader("{\"methodConfig\": [")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ServiceConfigs.parse(new StringReader("[1]")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("object");
  }
}
