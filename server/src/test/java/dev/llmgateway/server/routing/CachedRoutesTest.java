package dev.llmgateway.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.api.Requests;
import dev.llmgateway.server.cache.CacheWriter;
import dev.llmgateway.v1.CacheResult;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The response cache behind a dispatch: an answer from any deployment of the requested model is stored
 * under that model's key; an answer from a fallback model is not.
 */
class CachedRoutesTest extends TwoUpstreams {
  private static final String ROUTES = """
      models {
        m { deployments = [{ provider = a, upstream-model = up-a, name = on-a },
                           { provider = b, upstream-model = up-b, name = on-b }],
            capabilities = [chat], fallbacks = [spare], cache { enabled = true } }
        spare { provider = b, upstream-model = up-spare, capabilities = [chat] }
        solo { provider = a, upstream-model = up-a, capabilities = [chat], fallbacks = [spare],
               cache { enabled = true } }
      }
      """;

  private CompleteResponse complete(String model, String text) {
    CompleteRequest request = CompleteRequest.newBuilder().setModel(model).setTemperature(0)
        .addMessages(Requests.user(text)).build();
    CompleteResponse response = gateway.blocking().withDeadlineAfter(10, TimeUnit.SECONDS).complete(request);
    assertThat(gateway.injector().getInstance(CacheWriter.class).drain(Duration.ofSeconds(5))).isTrue();
    return response;
  }

  @Test
  void anAnswerFromTheModelsOtherDeploymentIsCachedForTheModel() {
    startGateway(ROUTES);
    // Whichever deployment goes first, deployment a fails and b answers.
    a.enqueue(Upstreams.status(503));
    b.enqueue(Upstreams.ok("from b"));

    CompleteResponse live = complete("m", "question one");
    CompleteResponse cached = complete("m", "question one");

    assertThat(live.getRoute().getDeployment()).isEqualTo("on-b");
    assertThat(live.getCache().getResult()).isEqualTo(CacheResult.CACHE_RESULT_MISS);
    assertThat(cached.getCache().getResult()).isEqualTo(CacheResult.CACHE_RESULT_HIT);
    assertThat(Upstreams.text(cached)).isEqualTo("from b");
    assertThat(b.getRequestCount()).isEqualTo(1);
  }

  @Test
  void anAnswerFromAFallbackModelIsNotCachedUnderTheRequestedModel() {
    startGateway(ROUTES);
    a.enqueue(Upstreams.status(503));
    b.enqueue(Upstreams.ok("from spare"));
    a.enqueue(Upstreams.ok("from solo"));

    CompleteResponse fallback = complete("solo", "question two");
    CompleteResponse again = complete("solo", "question two");

    assertThat(fallback.getRoute().getModel()).isEqualTo("spare");
    assertThat(Upstreams.text(fallback)).isEqualTo("from spare");
    assertThat(again.getCache().getResult()).isEqualTo(CacheResult.CACHE_RESULT_MISS);
    assertThat(Upstreams.text(again)).isEqualTo("from solo");
    assertThat(a.getRequestCount()).isEqualTo(2);
  }
}
