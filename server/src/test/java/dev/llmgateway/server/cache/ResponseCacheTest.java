package dev.llmgateway.server.cache;

import static dev.llmgateway.server.api.Requests.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.llmgateway.server.edge.GatewayHeaders;
import dev.llmgateway.server.testing.GrpcCleanupExtension;
import dev.llmgateway.server.testing.InMemoryTelemetry;
import dev.llmgateway.server.testing.Statuses;
import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.CacheResult;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.GatewayServiceGrpc;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The in-process response cache end to end, for Complete: a real gateway with API keys in front of a fake
 * OpenAI upstream, counting what reaches the upstream.
 */
class ResponseCacheTest {
  static final String KEY_A = "key-a-0123456789abcdefghijklmnopqrstuvwxyz";
  static final String KEY_B = "key-b-0123456789abcdefghijklmnopqrstuvwxyz";
  static final String KEY_C = "key-c-0123456789abcdefghijklmnopqrstuvwxyz";

  @RegisterExtension final GrpcCleanupExtension cleanup = new GrpcCleanupExtension();
  @StartStop final MockWebServer upstream = new MockWebServer();
  final AtomicLong nanos = new AtomicLong();
  final InMemoryTelemetry telemetry = new InMemoryTelemetry();
  TestGateway gateway;

  @BeforeEach
  void startGateway() {
    gateway = cleanup.register(TestGateway.start("""
        auth {
          enabled = true
          keys = [
            { id = "team-a", name = "A", key-env = KEY_A, scopes = [complete, embed] }
            { id = "team-b", name = "B", key-env = KEY_B, scopes = [complete, embed] }
            { id = "team-c", name = "C", key-env = KEY_C, scopes = [complete, embed] }
          ]
        }
        providers { up { type = openai, base-url = "%s" } }
        models {
          m { provider = up, upstream-model = mock-model, aliases = [m-alias], capabilities = [chat, streaming],
              cache { enabled = true, ttl = 1h } }
          e { provider = up, upstream-model = mock-embed, capabilities = [embeddings], cache { enabled = true } }
          plain { provider = up, upstream-model = mock-model, capabilities = [chat, streaming] }
        }
        cache { max-temperature = 0.5, tenant-groups { "team-a" = "shared", "team-c" = "shared" } }
        quotas { keys { "team-b" { tokens-per-minute = 40 } } }
        """.formatted(upstream.url("/v1")), Map.of("KEY_A", KEY_A, "KEY_B", KEY_B, "KEY_C", KEY_C),
        binder -> {
          binder.bind(Ticker.class).toInstance(nanos::get);
          binder.install(telemetry);
        }));
  }

  @AfterEach
  void closeTelemetry() {
    telemetry.close();
  }

  static CompleteRequest question(String text) {
    return CompleteRequest.newBuilder().setModel("m").setTemperature(0).setMaxOutputTokens(10)
        .addMessages(user(text)).build();
  }

  /** One Complete call as {@code key} with {@code cacheControl} (null: none); its trailers land in {@code trailers}. */
  CompleteResponse complete(String key, CompleteRequest request, String cacheControl,
      AtomicReference<Metadata> trailers) {
    Metadata headers = new Metadata();
    headers.put(GatewayHeaders.AUTHORIZATION, "Bearer " + key);
    if (cacheControl != null) {
      headers.put(GatewayHeaders.X_CACHE_CONTROL, cacheControl);
    }
    CompleteResponse response = stub(headers, trailers).complete(request);
    // Stores happen off the response path; wait for them so the next call sees them.
    assertThat(gateway.injector().getInstance(CacheWriter.class).drain(Duration.ofSeconds(5))).isTrue();
    return response;
  }

  CompleteResponse complete(String key, CompleteRequest request) {
    return complete(key, request, null, new AtomicReference<>());
  }

  /** Asserts the cache's verdict on {@code response} and the answer's text. */
  static void assertAnswer(CompleteResponse response, CacheResult result, String text) {
    assertThat(response.getCache().getResult()).isEqualTo(result);
    assertThat(response.getMessage().getContent(0).getText()).isEqualTo(text);
  }

  GatewayServiceGrpc.GatewayServiceBlockingStub stub(Metadata headers, AtomicReference<Metadata> trailers) {
    return gateway.blocking().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers),
        MetadataUtils.newCaptureMetadataInterceptor(new AtomicReference<>(), trailers))
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  @Test
  void aRepeatedRequestIsAnsweredFromTheCacheWithoutReachingTheUpstream() {
    upstream.enqueue(OpenAiBodies.completion("Paris"));
    AtomicReference<Metadata> missTrailers = new AtomicReference<>();
    AtomicReference<Metadata> hitTrailers = new AtomicReference<>();

    CompleteResponse miss = complete(KEY_A, question("capital of France?"), null, missTrailers);
    nanos.addAndGet(TimeUnit.MINUTES.toNanos(1));
    // The alias resolves to the same model, so it shares the entry.
    CompleteResponse hit = complete(KEY_A, question("capital of France?").toBuilder().setModel("m-alias").build(),
        null, hitTrailers);

    assertThat(upstream.getRequestCount()).isEqualTo(1);
    assertThat(miss.getCache().getResult()).isEqualTo(CacheResult.CACHE_RESULT_MISS);
    assertThat(missTrailers.get().get(GatewayHeaders.X_CACHE)).isEqualTo("miss");
    assertThat(hit.getCache().getResult()).isEqualTo(CacheResult.CACHE_RESULT_HIT);
    assertThat(hitTrailers.get().get(GatewayHeaders.X_CACHE)).isEqualTo("hit");
    // The live answer says how it was routed; a hit made no upstream attempt.
    assertThat(hit.toBuilder().clearCache().build()).isEqualTo(miss.toBuilder().clearCache().clearRoute().build());
    assertThat(miss.getRoute().getAttemptsCount()).isEqualTo(1);
    assertThat(hit.hasRoute()).isFalse();
    assertThat(hit.getUsage().getTotalTokens()).isEqualTo(7);
    assertThat(CacheCounters.sum(telemetry, "gateway.cache.hits")).isEqualTo(1);
    assertThat(CacheCounters.sum(telemetry, "gateway.cache.misses")).isEqualTo(1);
    assertThat(CacheCounters.sum(telemetry, "gateway.cache.bytes")).isPositive();
  }

  @Test
  void anEntryExpiresAfterTheModelsTtlAndAShorterTtlAskedForByTheCaller() {
    upstream.enqueue(OpenAiBodies.completion("one"));
    upstream.enqueue(OpenAiBodies.completion("two"));
    upstream.enqueue(OpenAiBodies.completion("three"));

    complete(KEY_A, question("q"));
    nanos.addAndGet(TimeUnit.MINUTES.toNanos(59));
    CompleteResponse beforeExpiry = complete(KEY_A, question("q"));
    nanos.addAndGet(TimeUnit.MINUTES.toNanos(2));
    CompleteResponse afterExpiry = complete(KEY_A, question("q"), "ttl=30s", new AtomicReference<>());
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(31));
    CompleteResponse afterShortTtl = complete(KEY_A, question("q"));

    assertThat(beforeExpiry.getCache().getResult()).isEqualTo(CacheResult.CACHE_RESULT_HIT);
    assertAnswer(afterExpiry, CacheResult.CACHE_RESULT_MISS, "two");
    assertAnswer(afterShortTtl, CacheResult.CACHE_RESULT_MISS, "three");
    assertThat(upstream.getRequestCount()).isEqualTo(3);
  }

  @Test
  void noCacheNeitherReadsNorWritesTheCache() {
    upstream.enqueue(OpenAiBodies.completion("fresh"));
    upstream.enqueue(OpenAiBodies.completion("again"));
    AtomicReference<Metadata> trailers = new AtomicReference<>();

    CompleteResponse bypassed = complete(KEY_A, question("q"), "no-cache", trailers);
    CompleteResponse next = complete(KEY_A, question("q"));

    assertThat(bypassed.getCache().getResult()).isEqualTo(CacheResult.CACHE_RESULT_BYPASS);
    assertThat(trailers.get().get(GatewayHeaders.X_CACHE)).isEqualTo("bypass");
    assertThat(next.getCache().getResult()).isEqualTo(CacheResult.CACHE_RESULT_MISS);
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  @Test
  void refreshAsksTheUpstreamAndReplacesTheCachedAnswer() {
    upstream.enqueue(OpenAiBodies.completion("old"));
    upstream.enqueue(OpenAiBodies.completion("new"));

    complete(KEY_A, question("q"));
    CompleteResponse refreshed = complete(KEY_A, question("q"), "refresh", new AtomicReference<>());
    CompleteResponse hit = complete(KEY_A, question("q"));

    assertAnswer(refreshed, CacheResult.CACHE_RESULT_REFRESH, "new");
    assertAnswer(hit, CacheResult.CACHE_RESULT_HIT, "new");
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  @Test
  void theSameRequestFromTwoTenantsNeverSharesAnEntryButKeysOfOneGroupDo() {
    upstream.enqueue(OpenAiBodies.completion("for A"));
    upstream.enqueue(OpenAiBodies.completion("for B"));

    CompleteResponse a = complete(KEY_A, question("q"));
    CompleteResponse b = complete(KEY_B, question("q"));
    CompleteResponse bAgain = complete(KEY_B, question("q"));
    CompleteResponse c = complete(KEY_C, question("q"));

    assertAnswer(a, CacheResult.CACHE_RESULT_MISS, "for A");
    assertAnswer(b, CacheResult.CACHE_RESULT_MISS, "for B");
    assertAnswer(bAgain, CacheResult.CACHE_RESULT_HIT, "for B");
    assertAnswer(c, CacheResult.CACHE_RESULT_HIT, "for A");
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  @Test
  void hotSamplingIsNotCachedUnlessTheCallerForcesIt() {
    upstream.enqueue(OpenAiBodies.completion("hot 1"));
    upstream.enqueue(OpenAiBodies.completion("hot 2"));
    upstream.enqueue(OpenAiBodies.completion("forced"));
    CompleteRequest hot = question("q").toBuilder().setTemperature(0.9).build();
    CompleteRequest unset = question("q").toBuilder().clearTemperature().build();

    CompleteResponse first = complete(KEY_A, hot);
    CompleteResponse providerDefault = complete(KEY_A, unset);
    complete(KEY_A, hot, "force", new AtomicReference<>());
    CompleteResponse forcedHit = complete(KEY_A, hot, "force", new AtomicReference<>());

    assertThat(first.getCache().getResult()).isEqualTo(CacheResult.CACHE_RESULT_BYPASS);
    assertThat(providerDefault.getCache().getResult()).isEqualTo(CacheResult.CACHE_RESULT_BYPASS);
    assertAnswer(forcedHit, CacheResult.CACHE_RESULT_HIT, "forced");
    assertThat(upstream.getRequestCount()).isEqualTo(3);
  }

  @Test
  void aModelWithoutCachingIsNeitherCachedNorMarked() {
    upstream.enqueue(OpenAiBodies.completion("1"));
    upstream.enqueue(OpenAiBodies.completion("2"));
    AtomicReference<Metadata> trailers = new AtomicReference<>();
    CompleteRequest plain = question("q").toBuilder().setModel("plain").build();

    complete(KEY_A, plain);
    CompleteResponse second = complete(KEY_A, plain, null, trailers);

    assertThat(second.hasCache()).isFalse();
    assertThat(trailers.get().get(GatewayHeaders.X_CACHE)).isNull();
    assertThat(upstream.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aMalformedCacheControlHeaderIsRejectedNamingIt() {
    Throwable error = catchThrowable(() -> complete(KEY_A, question("q"), "ttl=soon", new AtomicReference<>()));

    assertThat(Status.fromThrowable(error).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(Statuses.violatedFields(error)).containsExactly("x-cache-control");
    assertThat(upstream.getRequestCount()).isZero();
  }

  @Test
  void aHitCountsAsARequestButNotItsTokensAgainstQuotas() {
    upstream.enqueue(OpenAiBodies.completion("cheap"));

    // Each call reserves about 11 tokens; the live one settles at 7, hits at 0. Were hits charged their 7
    // tokens, the 40-token minute would run out on the fifth hit.
    complete(KEY_B, question("q"));
    for (int i = 0; i < 8; i++) {
      assertThat(complete(KEY_B, question("q")).getCache().getResult()).isEqualTo(CacheResult.CACHE_RESULT_HIT);
    }

    assertThat(upstream.getRequestCount()).isEqualTo(1);
  }

}
