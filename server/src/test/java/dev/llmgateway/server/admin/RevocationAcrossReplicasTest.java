package dev.llmgateway.server.admin;

import static dev.llmgateway.server.admin.AdminTesting.ADMIN_KEY;
import static dev.llmgateway.server.admin.AdminTesting.admin;
import static dev.llmgateway.server.testing.ApiKeyHeaders.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.google.inject.util.Modules;
import dev.llmgateway.server.store.redis.RedisServerExtension;
import dev.llmgateway.server.testing.GrpcCleanupExtension;
import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.CreateApiKeyRequest;
import dev.llmgateway.v1.DisableApiKeyRequest;
import dev.llmgateway.v1.KeyScope;
import dev.llmgateway.v1.ListModelsRequest;
import dev.llmgateway.v1.ModelEntry;
import dev.llmgateway.v1.RevokeApiKeyRequest;
import dev.llmgateway.v1.RotateApiKeyRequest;
import dev.llmgateway.v1.UpsertModelEntryRequest;
import com.google.protobuf.FieldMask;
import dev.llmgateway.v1.ModelRoute;
import dev.llmgateway.v1.ResetRouteRequest;
import dev.llmgateway.v1.UpdateRouteRequest;
import io.grpc.Status;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two gateways sharing one Redis: a key created, disabled, rotated or revoked through one takes effect on the
 * other within one second, and so does a run-time catalogue entry. Each gateway has just answered with the key,
 * so a cached answer is in the way of every change.
 */
class RevocationAcrossReplicasTest {
  @RegisterExtension static final RedisServerExtension redis = new RedisServerExtension();
  @RegisterExtension final GrpcCleanupExtension cleanup = new GrpcCleanupExtension();
  private static final Duration WITHIN = Duration.ofSeconds(1);
  private TestGateway first;
  private TestGateway second;

  @BeforeEach
  void start() {
    String config = AdminTesting.CONFIG + """
        store { type = redis, redis { endpoints = ["%s"] } }
        """.formatted(redis.endpoint());
    first = cleanup.register(TestGateway.start(config, AdminTesting.ENV, Modules.EMPTY_MODULE));
    second = cleanup.register(TestGateway.start(config, AdminTesting.ENV, Modules.EMPTY_MODULE));
  }

  @Test
  void aRevokedKeyFailsOnTheOtherReplicaWithinOneSecond() {
    String secret = admin(first, ADMIN_KEY).createApiKey(CreateApiKeyRequest.newBuilder().setId("team-r")
        .setDisplayName("R").addScopes(KeyScope.KEY_SCOPE_MODELS).build()).getSecret();
    await().atMost(WITHIN).pollInterval(Duration.ofMillis(20)).until(() -> code(second, secret) == Status.Code.OK);
    assertThat(code(second, secret)).isEqualTo(Status.Code.OK);

    long revokedAt = System.nanoTime();
    admin(first, ADMIN_KEY).revokeApiKey(RevokeApiKeyRequest.newBuilder().setId("team-r").build());
    await().atMost(WITHIN).pollInterval(Duration.ofMillis(10))
        .until(() -> code(second, secret) == Status.Code.UNAUTHENTICATED);

    assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(WITHIN);
    assertThat(code(first, secret)).isEqualTo(Status.Code.UNAUTHENTICATED);
  }

  @Test
  void disablingAndRotatingReachTheOtherReplicaWithinOneSecond() {
    String secret = admin(first, ADMIN_KEY).createApiKey(CreateApiKeyRequest.newBuilder().setId("team-d")
        .setDisplayName("D").addScopes(KeyScope.KEY_SCOPE_MODELS).build()).getSecret();
    await().atMost(WITHIN).until(() -> code(second, secret) == Status.Code.OK);

    String next = admin(second, ADMIN_KEY).rotateApiKey(RotateApiKeyRequest.newBuilder().setId("team-d").build())
        .getSecret();
    await().atMost(WITHIN).until(() -> code(first, secret) == Status.Code.UNAUTHENTICATED);
    await().atMost(WITHIN).until(() -> code(first, next) == Status.Code.OK);

    admin(first, ADMIN_KEY).disableApiKey(DisableApiKeyRequest.newBuilder().setId("team-d").build());
    await().atMost(WITHIN).until(() -> code(second, next) == Status.Code.UNAUTHENTICATED);
  }

  @Test
  void aRuntimeModelAddedOnOneReplicaServesOnTheOther() {
    admin(first, ADMIN_KEY).upsertModelEntry(UpsertModelEntryRequest.newBuilder().setModel(ModelEntry.newBuilder()
        .setId("shared-chat").setProvider("demo").setUpstreamModel("demo-echo-1")).build());

    await().atMost(WITHIN).until(() -> catchThrowable(() -> bearer(second.blocking(), AdminTesting.CI_KEY)
        .complete(AdminTesting.chat("shared-chat", "hi"))) == null);
  }

  @Test
  void aRouteChangedOnOneReplicaServesOnTheOtherAndItsResetToo() {
    admin(first, ADMIN_KEY).updateRoute(UpdateRouteRequest.newBuilder()
        .setRoute(ModelRoute.newBuilder().setModel("demo-chat").addAliases("chatty"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("aliases")).build());
    await().atMost(WITHIN).until(() -> catchThrowable(() -> bearer(second.blocking(), AdminTesting.CI_KEY)
        .complete(AdminTesting.chat("chatty", "hi"))) == null);

    admin(second, ADMIN_KEY).resetRoute(ResetRouteRequest.newBuilder().setModel("demo-chat").build());
    await().atMost(WITHIN).until(() -> Status.fromThrowable(catchThrowable(() -> bearer(first.blocking(),
        AdminTesting.CI_KEY).complete(AdminTesting.chat("chatty", "hi")))).getCode() == Status.Code.NOT_FOUND);
  }

  private static Status.Code code(TestGateway gateway, String secret) {
    Throwable t = catchThrowable(() -> bearer(gateway.blocking(), secret).listModels(ListModelsRequest.getDefaultInstance()));
    return t == null ? Status.Code.OK : Status.fromThrowable(t).getCode();
  }
}
