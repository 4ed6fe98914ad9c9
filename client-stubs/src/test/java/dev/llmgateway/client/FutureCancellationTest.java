package dev.llmgateway.client;

import static dev.llmgateway.client.Requests.chat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.v1.CompleteResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Cancelling the future of completeAsync cancels the call on the server. */
class FutureCancellationTest {

  @Test
  void cancellingTheFutureCancelsTheCall() throws Exception {
    try (ScriptedGateway gateway = ScriptedGateway.plaintext().hanging();
        GatewayClient client = GatewayClient.builder().target("127.0.0.1:" + gateway.port()).plaintext().build()) {
      CompletableFuture<CompleteResponse> future = client.completeAsync(chat("any", "x"));
      // Cancelling before the call reaches the server would prove nothing.
      assertThat(gateway.completeStarted.await(5, TimeUnit.SECONDS)).isTrue();

      assertThat(future.cancel(true)).isTrue();
      assertThat(gateway.completeCancelled.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(future).isCancelled();
    }
  }
}
