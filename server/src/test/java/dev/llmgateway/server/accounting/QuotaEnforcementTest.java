package dev.llmgateway.server.accounting;

import static dev.llmgateway.server.api.Requests.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.rpc.QuotaFailure;
import dev.llmgateway.server.edge.GatewayHeaders;
import dev.llmgateway.server.store.UsageAggregate;
import dev.llmgateway.server.store.UsageStore;
import dev.llmgateway.server.store.redis.RedisServerExtension;
import dev.llmgateway.server.testing.ForwardingResponseObserver;
import dev.llmgateway.server.testing.GrpcCleanupExtension;
import dev.llmgateway.server.testing.RecordingStreamObserver;
import dev.llmgateway.server.testing.Statuses;
import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.CompleteStreamResponse;
import dev.llmgateway.v1.GatewayServiceGrpc;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.MetadataUtils;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Quotas and usage through the public contract, in process and across two replicas sharing Redis. */
class QuotaEnforcementTest {
  @RegisterExtension final GrpcCleanupExtension cleanup = new GrpcCleanupExtension();
  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();

  private static final Instant NOON = Instant.parse("2026-11-22T12:00:00Z");

  private static final String MODELS = """
      providers { demo { type = demo, options { stream-chunk-delay = 0ms } } }
      models { m { provider = demo, upstream-model = demo-echo-1, capabilities = [chat, streaming], max-output-tokens = 50 } }
      """;

  private static Module fixedClock() {
    return new AbstractModule() {
      @Provides
      Clock clock() {
        return Clock.fixed(NOON, ZoneOffset.UTC);
      }
    };
  }

  private static CompleteRequest hello() {
    return CompleteRequest.newBuilder().setModel("m").addMessages(user("hello there")).build();
  }

  @Test
  void aRequestLimitRejectsWithQuotaFailureAndRetryInfoAndReportsWhatIsLeft() {
    TestGateway gateway = cleanup.register(TestGateway.start(MODELS
        + "quotas { default { requests-per-minute = 2 } }", Map.of(), fixedClock()));
    AtomicReference<Metadata> headers = new AtomicReference<>();
    AtomicReference<Metadata> trailers = new AtomicReference<>();
    var stub = gateway.blocking().withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers, trailers));

    stub.complete(hello());
    assertThat(headers.get().get(GatewayHeaders.X_QUOTA_REMAINING)).isEqualTo("requests_per_minute=1");
    assertThat(Long.parseLong(trailers.get().get(GatewayHeaders.X_GATEWAY_OVERHEAD_US))).isNotNegative();
    stub.complete(hello());
    Throwable error = catchThrowable(() -> stub.complete(hello()));

    assertThat(Status.fromThrowable(error).getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(Statuses.errorInfo(error).getReason()).isEqualTo("QUOTA_EXCEEDED");
    QuotaFailure failure = Statuses.detail(error, QuotaFailure.class).orElseThrow();
    assertThat(failure.getViolations(0).getSubject()).isEqualTo("key:anonymous");
    assertThat(failure.getViolations(0).getDescription()).isEqualTo("requests_per_minute: 2 of 2 used");
    // The window is a minute from 12:00:00, so it frees up in exactly 60 seconds.
    assertThat(Statuses.retryInfo(error).orElseThrow().getRetryDelay().getSeconds()).isEqualTo(60);
  }

  @Test
  void usageIsRecordedPerKeyModelAndDay() {
    TestGateway gateway = cleanup.register(TestGateway.start(MODELS, Map.of(), fixedClock()));

    CompleteResponse response = gateway.blocking().complete(hello());

    UsageStore usage = gateway.injector().getInstance(UsageStore.class);
    LocalDate day = LocalDate.ofInstant(NOON, ZoneOffset.UTC);
    await().atMost(Duration.ofSeconds(5)).until(() -> !usage.query(Optional.empty(), day, day).isEmpty());
    UsageAggregate aggregate = usage.query(Optional.empty(), day, day).get(0);
    assertThat(aggregate.tenant()).isEqualTo("anonymous");
    assertThat(aggregate.model()).isEqualTo("m");
    assertThat(aggregate.requests()).isEqualTo(1);
    assertThat(aggregate.inputTokens()).isEqualTo(response.getUsage().getInputTokens());
    assertThat(aggregate.outputTokens()).isEqualTo(response.getUsage().getOutputTokens());
  }

  @Test
  void aStreamCancelledHalfWayIsChargedForWhatItStreamed() throws Exception {
    TestGateway gateway = cleanup.register(TestGateway.start("""
        providers { demo { type = demo, options { stream-chunk-delay = 100ms } } }
        models { m { provider = demo, upstream-model = demo-echo-1, capabilities = [chat, streaming] } }
        """, Map.of(), fixedClock()));
    RecordingStreamObserver<CompleteStreamResponse> chunks = new RecordingStreamObserver<>();
    AtomicReference<ClientCallStreamObserver<CompleteRequest>> call = new AtomicReference<>();
    String longAnswer = "word ".repeat(200);

    gateway.async().completeStream(CompleteRequest.newBuilder().setModel("m").addMessages(user(longAnswer)).build(),
        new ForwardingResponseObserver<>(chunks, call));
    for (int i = 0; i < 5; i++) {
      chunks.awaitNext(Duration.ofSeconds(10));
    }
    call.get().cancel("enough", null);

    UsageStore usage = gateway.injector().getInstance(UsageStore.class);
    LocalDate day = LocalDate.ofInstant(NOON, ZoneOffset.UTC);
    await().atMost(Duration.ofSeconds(5)).until(() -> !usage.query(Optional.empty(), day, day).isEmpty());
    UsageAggregate aggregate = usage.query(Optional.empty(), day, day).get(0);
    long receivedChars = chunks.messages().stream().mapToLong(c -> c.getTextDelta().length()).sum();
    long fullAnswerTokens = (longAnswer.length() + 60) / 4;
    assertThat(aggregate.errors()).isEqualTo(1);
    assertThat(aggregate.outputTokens()).isGreaterThanOrEqualTo((receivedChars + 3) / 4)
        .isLessThan(fullAnswerTokens / 2);
    assertThat(aggregate.inputTokens()).isPositive();
  }

  private String redisConfig(String policy, String limits) {
    return MODELS + """
        store { type = redis, redis { endpoints = ["%s"], socket-timeout = 500ms, connect-timeout = 500ms } }
        quotas { on-store-failure = %s, default { %s } }
        """.formatted(redis.endpoint(), policy, limits);
  }

  @Test
  void twoReplicasSharingRedisNeverAdmitMoreThanTheSharedRequestLimit() throws Exception {
    int[] counts = hammer(50, 100_000);
    assertThat(counts[0]).isEqualTo(50);
  }

  @Test
  void twoReplicasSharingRedisOvershootTheTokenBudgetByAtMostTheReservationsInFlight() throws Exception {
    int[] counts = hammer(100_000, 800);
    assertThat(counts[0]).isBetween(1, 799);
  }

  /** Runs 8 clients across two replicas, 25 calls each; returns {admitted, rejected}. */
  private int[] hammer(int requestLimit, long tokenLimit) throws Exception {
    String config = redisConfig("fail-closed",
        "requests-per-minute = " + requestLimit + ", tokens-per-minute = " + tokenLimit);
    TestGateway first = cleanup.register(TestGateway.start(config, Map.of(), fixedClock()));
    TestGateway second = cleanup.register(TestGateway.start(config, Map.of(), fixedClock()));
    ExecutorService clients = Executors.newFixedThreadPool(8);
    AtomicInteger admitted = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    AtomicLong tokensUsed = new AtomicLong();
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        GatewayServiceGrpc.GatewayServiceBlockingStub stub = (t % 2 == 0 ? first : second).blocking();
        work.add(clients.submit(() -> {
          for (int i = 0; i < 25; i++) {
            try {
              CompleteResponse r = stub.withDeadlineAfter(10, TimeUnit.SECONDS).complete(hello());
              admitted.incrementAndGet();
              tokensUsed.addAndGet(r.getUsage().getTotalTokens());
            } catch (StatusRuntimeException e) {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
              rejected.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : work) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      clients.shutdownNow();
    }

    // Each call reserves its prompt estimate plus the model's 50 output tokens, then reconciles.
    long reservation = 50 + 10;
    long overshoot = Math.max(0, tokensUsed.get() - tokenLimit);
    System.out.println("two replicas: " + admitted.get() + " admitted, " + rejected.get() + " rejected, "
        + tokensUsed.get() + " tokens used against a limit of " + tokenLimit + " (overshoot " + overshoot + ")");
    assertThat(admitted.get()).isLessThanOrEqualTo(requestLimit).isPositive();
    assertThat(admitted.get() + rejected.get()).isEqualTo(200);
    assertThat(overshoot).isLessThanOrEqualTo(8 * reservation);
    return new int[] {admitted.get(), rejected.get()};
  }

  @Test
  void whenRedisDiesFailOpenServesAndFailClosedRejectsThenBothRecover() throws Exception {
    TestGateway open = cleanup.register(TestGateway.start(redisConfig("fail-open", "requests-per-minute = 1000"),
        Map.of(), fixedClock()));
    TestGateway closed = cleanup.register(TestGateway.start(redisConfig("fail-closed", "requests-per-minute = 1000"),
        Map.of(), fixedClock()));
    open.blocking().complete(hello());
    closed.blocking().complete(hello());

    redis.stop();
    try {
      CompleteResponse served = open.blocking().withDeadlineAfter(10, TimeUnit.SECONDS).complete(hello());
      Throwable refused = catchThrowable(() -> closed.blocking().withDeadlineAfter(10, TimeUnit.SECONDS).complete(hello()));

      assertThat(served.getMessage().getContentCount()).isEqualTo(1);
      assertThat(Status.fromThrowable(refused).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(Statuses.errorInfo(refused).getReason()).isEqualTo("STORE_UNAVAILABLE");
    } finally {
      redis.start();
    }

    await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
        .until(() -> closed.blocking().withDeadlineAfter(5, TimeUnit.SECONDS).complete(hello()) != null);
    AtomicReference<Metadata> headers = new AtomicReference<>();
    open.blocking().withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers, new AtomicReference<>()))
        .complete(hello());
    assertThat(headers.get().get(GatewayHeaders.X_QUOTA_REMAINING)).startsWith("requests_per_minute=");
  }
}
