package dev.llmgateway.server.cache;

import static dev.llmgateway.server.api.Requests.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.llmgateway.server.store.redis.RedisServerExtension;
import dev.llmgateway.server.testing.GrpcCleanupExtension;
import dev.llmgateway.server.testing.InMemoryTelemetry;
import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.CacheResult;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.EmbedRequest;
import dev.llmgateway.v1.EmbedResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis backend end to end against a real redis-server, including one killed mid-test. */
class RedisResponseCacheTest {
  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();
  @RegisterExtension final GrpcCleanupExtension cleanup = new GrpcCleanupExtension();
  @StartStop final MockWebServer upstream = new MockWebServer();
  private final InMemoryTelemetry telemetry = new InMemoryTelemetry();
  private TestGateway gateway;

  @BeforeEach
  void startGateway() {
    gateway = cleanup.register(TestGateway.start("""
        store { type = redis, redis { endpoints = ["%s"], socket-timeout = 500ms, connect-timeout = 500ms } }
        cache { backend = redis, lookup-timeout = 1s }
        providers { up { type = openai, base-url = "%s" } }
        models {
          m { provider = up, upstream-model = mock-model, capabilities = [chat, streaming],
              cache { enabled = true, ttl = 10m } }
          e { provider = up, upstream-model = mock-embed, capabilities = [embeddings], cache { enabled = true } }
        }
        """.formatted(redis.endpoint(), upstream.url("/v1")), Map.of(), telemetry));
  }

  @AfterEach
  void closeTelemetry() {
    telemetry.close();
  }

  private static CompleteRequest question(String text) {
    return CompleteRequest.newBuilder().setModel("m").setTemperature(0).addMessages(user(text)).build();
  }

  private CompleteResponse complete(CompleteRequest request) {
    CompleteResponse response = gateway.blocking().withDeadlineAfter(10, TimeUnit.SECONDS).complete(request);
    assertThat(gateway.injector().getInstance(CacheWriter.class).drain(Duration.ofSeconds(5))).isTrue();
    return response;
  }

  @Test
  void answersAreStoredWithTheirTtlAndServedFromRedis() {
    upstream.enqueue(OpenAiBodies.completion("from upstream"));

    CompleteResponse miss = complete(question("q"));
    CompleteResponse hit = complete(question("q"));

    Set<String> keys = redis.admin().keys(CacheKeys.PREFIX + "*");
    assertThat(keys).singleElement().satisfies(k -> assertThat(k).matches("gw:v1:cache:complete:[0-9a-f]{64}"));
    long ttlMillis = redis.admin().pttl(keys.iterator().next());
    assertThat(ttlMillis).isBetween(Duration.ofMinutes(9).toMillis(), Duration.ofMinutes(10).toMillis());
    assertThat(miss.getCache().getResult()).isEqualTo(CacheResult.CACHE_RESULT_MISS);
    assertThat(hit.getCache().getResult()).isEqualTo(CacheResult.CACHE_RESULT_HIT);
    assertThat(hit.getMessage()).isEqualTo(miss.getMessage());
    assertThat(upstream.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aPartialEmbedBatchReadsTheKnownInputsFromRedis() throws Exception {
    upstream.enqueue(OpenAiBodies.embeddings(List.of(1f)));
    upstream.enqueue(OpenAiBodies.embeddings(List.of(2f)));

    gateway.blocking().withDeadlineAfter(10, TimeUnit.SECONDS)
        .embed(EmbedRequest.newBuilder().setModel("e").addInputs("known").build());
    assertThat(gateway.injector().getInstance(CacheWriter.class).drain(Duration.ofSeconds(5))).isTrue();
    EmbedResponse partial = gateway.blocking().withDeadlineAfter(10, TimeUnit.SECONDS)
        .embed(EmbedRequest.newBuilder().setModel("e").addInputs("new").addInputs("known").build());

    upstream.takeRequest();
    assertThat(upstream.takeRequest().getBody().utf8()).contains("\"input\":" + OpenAiBodies.inputArray("new"));
    assertThat(partial.getCache().getResult()).isEqualTo(CacheResult.CACHE_RESULT_PARTIAL);
    assertThat(partial.getEmbeddingsList()).extracting(e -> e.getValues(0)).containsExactly(2f, 1f);
  }

  @Test
  void whenRedisDiesCallsStillSucceedFromTheUpstreamAndCachingResumesWhenItReturns() {
    // The fake upstream answers in this order: one call before the outage, four during it.
    upstream.enqueue(OpenAiBodies.completion("answer 0"));
    upstream.enqueue(OpenAiBodies.completion("answer 1"));
    upstream.enqueue(OpenAiBodies.completion("answer 2"));
    upstream.enqueue(OpenAiBodies.stream("streamed"));
    upstream.enqueue(OpenAiBodies.embeddings(List.of(1f)));
    complete(question("q"));

    redis.stop();
    CompleteResponse duringOutage;
    CompleteResponse otherDuringOutage;
    List<CompleteStreamResponse> streamDuringOutage;
    EmbedResponse embedDuringOutage;
    long start = System.nanoTime();
    try {
      duringOutage = complete(question("q"));
      otherDuringOutage = complete(question("other"));
      streamDuringOutage = new ArrayList<>();
      gateway.blocking().withDeadlineAfter(10, TimeUnit.SECONDS).completeStream(question("s"))
          .forEachRemaining(streamDuringOutage::add);
      embedDuringOutage = gateway.blocking().withDeadlineAfter(10, TimeUnit.SECONDS)
          .embed(EmbedRequest.newBuilder().setModel("e").addInputs("x").build());
    } finally {
      redis.start();
    }
    long outageMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(streamDuringOutage.get(streamDuringOutage.size() - 1).getCache().getResult())
        .isEqualTo(CacheResult.CACHE_RESULT_UNAVAILABLE);
    assertThat(streamDuringOutage.get(0).getTextDelta()).isEqualTo("streamed");
    assertThat(embedDuringOutage.getCache().getResult()).isEqualTo(CacheResult.CACHE_RESULT_UNAVAILABLE);
    assertThat(embedDuringOutage.getEmbeddings(0).getValues(0)).isEqualTo(1f);

    assertThat(duringOutage.getCache().getResult()).isEqualTo(CacheResult.CACHE_RESULT_UNAVAILABLE);
    assertThat(duringOutage.getMessage().getContent(0).getText()).isEqualTo("answer 1");
    assertThat(otherDuringOutage.getCache().getResult()).isEqualTo(CacheResult.CACHE_RESULT_UNAVAILABLE);
    // Lookups give up after lookup-timeout (1s) at most, however long Redis takes to refuse.
    assertThat(outageMillis).isLessThan(8_000);
    assertThat(CacheCounters.sum(telemetry, "gateway.cache.errors")).isGreaterThanOrEqualTo(4);

    // The restarted server is empty: the next call misses, stores, and the one after it hits. Spare answers: the
    // first calls after the restart may still meet broken pooled connections.
    for (int i = 0; i < 6; i++) {
      upstream.enqueue(OpenAiBodies.completion("after " + i));
    }
    await().atMost(Duration.ofSeconds(15)).until(
        () -> complete(question("after")).getCache().getResult() == CacheResult.CACHE_RESULT_MISS);
    assertThat(complete(question("after")).getCache().getResult()).isEqualTo(CacheResult.CACHE_RESULT_HIT);
  }
}
