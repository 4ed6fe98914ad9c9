package dev.llmgateway.server.cache;

import static dev.llmgateway.server.api.Requests.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmgateway.server.testing.GrpcCleanupExtension;
import dev.llmgateway.server.testing.Statuses;
import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.CacheResult;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How hits are charged to quotas: always as requests; as tokens only with {@code charge-tokens-on-hit}. */
class CacheQuotaChargeTest {
  @RegisterExtension final GrpcCleanupExtension cleanup = new GrpcCleanupExtension();
  @StartStop final MockWebServer upstream = new MockWebServer();

  private TestGateway start(String quotas, boolean chargeTokens) {
    return cleanup.register(TestGateway.start("""
        providers { up { type = openai, base-url = "%s" } }
        models { m { provider = up, upstream-model = mock-model, capabilities = [chat], cache { enabled = true } } }
        cache { charge-tokens-on-hit = %s }
        quotas { default { %s } }
        """.formatted(upstream.url("/v1"), chargeTokens, quotas)));
  }

  private static CompleteResponse call(TestGateway gateway) {
    CompleteResponse response = gateway.blocking().withDeadlineAfter(10, TimeUnit.SECONDS).complete(
        CompleteRequest.newBuilder().setModel("m").setTemperature(0).setMaxOutputTokens(10)
            .addMessages(user("q")).build());
    assertThat(gateway.injector().getInstance(CacheWriter.class).drain(Duration.ofSeconds(5))).isTrue();
    return response;
  }

  @Test
  void aHitCountsAgainstTheRequestLimit() {
    upstream.enqueue(OpenAiBodies.completion("a"));
    TestGateway gateway = start("requests-per-minute = 2", false);

    call(gateway);
    assertThat(call(gateway).getCache().getResult()).isEqualTo(CacheResult.CACHE_RESULT_HIT);
    Throwable third = catchThrowable(() -> call(gateway));

    assertThat(Status.fromThrowable(third).getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(Statuses.errorInfo(third).getReason()).isEqualTo("QUOTA_EXCEEDED");
  }

  @Test
  void withChargeTokensOnHitAHitCountsItsOriginalTokens() {
    upstream.enqueue(OpenAiBodies.completion("a"));
    TestGateway gateway = start("tokens-per-minute = 40", true);

    // 7 tokens per answer, live or cached, and each call first reserves about 13: the 40-token minute admits
    // the live call and about three hits. Uncharged hits would never run out (see ResponseCacheTest).
    call(gateway);
    int hits = 0;
    Throwable over = null;
    while (over == null && hits < 10) {
      over = catchThrowable(() -> assertThat(call(gateway).getCache().getResult())
          .isEqualTo(CacheResult.CACHE_RESULT_HIT));
      hits += over == null ? 1 : 0;
    }

    assertThat(hits).isBetween(2, 4);
    assertThat(Status.fromThrowable(over).getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(Statuses.errorInfo(over).getReason()).isEqualTo("QUOTA_EXCEEDED");
    assertThat(upstream.getRequestCount()).isEqualTo(1);
  }
}
