package dev.llmgateway.server;

import static dev.llmgateway.server.testing.ApiKeyHeaders.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.Timestamp;
import dev.llmgateway.v1.AdminServiceGrpc;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.ContentPart;
import dev.llmgateway.v1.CreateApiKeyRequest;
import dev.llmgateway.v1.GatewayServiceGrpc;
import dev.llmgateway.v1.GetUsageReportRequest;
import dev.llmgateway.v1.KeyScope;
import dev.llmgateway.v1.ListModelsRequest;
import dev.llmgateway.v1.Message;
import dev.llmgateway.v1.Role;
import dev.llmgateway.v1.UsageRow;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gateway process on the embedded store is killed with SIGKILL in the middle of a burst of key creations and
 * calls, then started again on the same files: every key whose creation was acknowledged still authenticates,
 * with its audit entry, and the usage a report acknowledged before the kill is still there. No hash secret is configured, so the one
 * kept beside the database must survive too.
 */
class CrashDurabilityTest {
  private static final String ADMIN_KEY = "crash-admin-key-0123456789abcdefghijklmno";
  private static final int KEYS_BEFORE_REPORT = 15;
  private static final int KEYS_BEFORE_KILL = 30;

  @TempDir Path dir;
  private Process gateway;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (gateway != null) {
      gateway.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void nothingAcknowledgedIsLostToAKillDuringABurst() throws Exception {
    int port = freePort();
    Path config = dir.resolve("gateway.conf");
    Files.writeString(config, """
        server { shutdown-grace = 0s }
        telemetry { prometheus { port = 0 } }
        store { type = embedded, embedded { path = "%s" } }
        providers { demo { type = demo, options { stream-chunk-delay = 0ms } } }
        models { demo-chat { provider = demo, upstream-model = demo-echo-1, capabilities = [chat] } }
        """.formatted(dir.resolve("data/gateway.db").toString().replace("\\", "/")));
    start(config, port, "first");

    List<String> acknowledgedKeys = new CopyOnWriteArrayList<>();
    AtomicLong acknowledgedCalls = new AtomicLong();
    CountDownLatch reportDue = new CountDownLatch(KEYS_BEFORE_REPORT);
    CountDownLatch killDue = new CountDownLatch(KEYS_BEFORE_KILL);
    Instant from = Instant.now().minusSeconds(60);
    ExecutorService burst = Executors.newFixedThreadPool(4);
    try {
      for (int t = 0; t < 2; t++) {
        int thread = t;
        burst.execute(() -> {
          for (int i = 0; i < 10_000; i++) {
            String secret;
            try {
              secret = admin().createApiKey(CreateApiKeyRequest.newBuilder().setId("k" + thread + "-" + i)
                  .setDisplayName("burst").addScopes(KeyScope.KEY_SCOPE_MODELS).build()).getSecret();
            } catch (RuntimeException e) {
              return;
            }
            acknowledgedKeys.add(secret);
            reportDue.countDown();
            killDue.countDown();
          }
        });
        burst.execute(() -> {
          for (int i = 0; i < 100_000; i++) {
            try {
              bearer(GatewayServiceGrpc.newBlockingStub(channel), ADMIN_KEY).complete(chat("call " + i));
            } catch (RuntimeException e) {
              return;
            }
            acknowledgedCalls.incrementAndGet();
          }
        });
      }
      assertThat(reportDue.await(60, TimeUnit.SECONDS)).as("keys created before the report").isTrue();
      long reported = requests(from);
      assertThat(killDue.await(60, TimeUnit.SECONDS)).as("keys created before the kill").isTrue();

      gateway.destroyForcibly();
      assertThat(gateway.waitFor(10, TimeUnit.SECONDS)).isTrue();
      burst.shutdown();
      assertThat(burst.awaitTermination(30, TimeUnit.SECONDS)).as("the burst ends once the gateway is gone").isTrue();
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);

      start(config, port, "second");

      assertThat(acknowledgedKeys).hasSizeGreaterThanOrEqualTo(KEYS_BEFORE_KILL);
      for (String secret : acknowledgedKeys) {
        Throwable t = catchThrowable(() -> bearer(GatewayServiceGrpc.newBlockingStub(channel), secret)
            .listModels(ListModelsRequest.getDefaultInstance()));
        assertThat(t).as("an acknowledged key after the restart").isNull();
      }
      assertThat(admin().listAuditEvents(dev.llmgateway.v1.ListAuditEventsRequest.newBuilder().setPageSize(1000)
          .build()).getEventsCount()).as("audited key creations").isGreaterThanOrEqualTo(acknowledgedKeys.size());
      assertThat(reported).isPositive();
      assertThat(requests(from)).isGreaterThanOrEqualTo(reported).isLessThanOrEqualTo(acknowledgedCalls.get() + 2);
    } finally {
      burst.shutdownNow();
    }
  }

  private void start(Path config, int port, String name) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--config", config.toString(),
        "--listen", "127.0.0.1:" + port)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    builder.environment().putAll(Map.of("LLMGATEWAY_ADMIN_KEY", ADMIN_KEY));
    gateway = builder.start();
    channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    for (int attempt = 0; attempt < 600 && System.nanoTime() < deadline; attempt++) {
      try {
        if (health.withDeadlineAfter(1, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance()).getStatus()
            == HealthCheckResponse.ServingStatus.SERVING) {
          return;
        }
      } catch (RuntimeException notYet) {
        assertThat(gateway.isAlive()).as("gateway process (log: %s)", Files.readString(dir.resolve(name + ".log")))
            .isTrue();
      }
      gateway.waitFor(100, TimeUnit.MILLISECONDS);
    }
    throw new AssertionError("gateway not SERVING within 60s: " + Files.readString(dir.resolve(name + ".log")));
  }

  private long requests(Instant from) {
    Instant to = Instant.now().plusSeconds(60);
    return admin().getUsageReport(GetUsageReportRequest.newBuilder()
            .setStartTime(Timestamp.newBuilder().setSeconds(from.getEpochSecond()))
            .setEndTime(Timestamp.newBuilder().setSeconds(to.getEpochSecond())).build())
        .getRowsList().stream().mapToLong(UsageRow::getRequests).sum();
  }

  private AdminServiceGrpc.AdminServiceBlockingStub admin() {
    return bearer(AdminServiceGrpc.newBlockingStub(channel), ADMIN_KEY);
  }

  private static CompleteRequest chat(String text) {
    return CompleteRequest.newBuilder().setModel("demo-chat").addMessages(Message.newBuilder()
        .setRole(Role.ROLE_USER).addContent(ContentPart.newBuilder().setText(text))).build();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
