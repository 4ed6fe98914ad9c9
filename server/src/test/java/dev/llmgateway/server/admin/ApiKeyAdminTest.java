package dev.llmgateway.server.admin;

import static dev.llmgateway.server.admin.AdminTesting.ADMIN_KEY;
import static dev.llmgateway.server.admin.AdminTesting.admin;
import static dev.llmgateway.server.testing.ApiKeyHeaders.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.inject.AbstractModule;
import com.google.protobuf.Duration;
import com.google.protobuf.FieldMask;
import dev.llmgateway.server.testing.GrpcCleanupExtension;
import dev.llmgateway.server.testing.MutableClock;
import dev.llmgateway.server.testing.Statuses;
import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.AdminServiceGrpc.AdminServiceBlockingStub;
import dev.llmgateway.v1.ApiKey;
import dev.llmgateway.v1.CreateApiKeyRequest;
import dev.llmgateway.v1.CreateApiKeyResponse;
import dev.llmgateway.v1.DisableApiKeyRequest;
import dev.llmgateway.v1.GetApiKeyRequest;
import dev.llmgateway.v1.KeyQuota;
import dev.llmgateway.v1.KeyScope;
import dev.llmgateway.v1.ListApiKeysRequest;
import dev.llmgateway.v1.ListApiKeysResponse;
import dev.llmgateway.v1.ListModelsRequest;
import dev.llmgateway.v1.RevokeApiKeyRequest;
import dev.llmgateway.v1.RotateApiKeyRequest;
import dev.llmgateway.v1.RotateApiKeyResponse;
import dev.llmgateway.v1.UpdateApiKeyRequest;
import io.grpc.Status;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The API-key RPCs against a real gateway: each change takes effect on the data plane at once. */
class ApiKeyAdminTest {
  @RegisterExtension final GrpcCleanupExtension cleanup = new GrpcCleanupExtension();
  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private TestGateway gateway;
  private AdminServiceBlockingStub admin;

  @BeforeEach
  void start() {
    gateway = cleanup.register(TestGateway.start(AdminTesting.CONFIG, AdminTesting.ENV, new AbstractModule() {
      @Override
      protected void configure() {
        bind(Clock.class).toInstance(clock);
      }
    }));
    admin = admin(gateway, ADMIN_KEY);
  }

  @Test
  void createsAKeyThatWorksAtOnceAndShowsItsSecretOnlyOnce() {
    CreateApiKeyResponse created = admin.createApiKey(CreateApiKeyRequest.newBuilder().setId("team-a")
        .setDisplayName("Team A").addScopes(KeyScope.KEY_SCOPE_MODELS).addModelAllowList("demo-chat").build());

    assertThat(created.getSecret()).startsWith("lgw_").hasSize(47);
    assertThat(created.getKey()).isEqualTo(ApiKey.newBuilder().setId("team-a").setDisplayName("Team A")
        .addScopes(KeyScope.KEY_SCOPE_MODELS).addModelAllowList("demo-chat")
        .setCreateTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(clock.instant().getEpochSecond())).build());
    assertThat(modelsWith(created.getSecret())).isEqualTo(Status.Code.OK);
    ApiKey read = admin.getApiKey(GetApiKeyRequest.newBuilder().setId("team-a").build()).getKey();
    assertThat(read).isEqualTo(created.getKey());
    assertThat(read.toString() + admin.listApiKeys(ListApiKeysRequest.getDefaultInstance()))
        .doesNotContain(created.getSecret());
  }

  @Test
  void refusesBadInputNamingTheFieldAndADuplicateId() {
    Throwable noScopes = catchThrowable(() -> admin.createApiKey(CreateApiKeyRequest.newBuilder()
        .setDisplayName("x").build()));
    Throwable badId = catchThrowable(() -> admin.createApiKey(CreateApiKeyRequest.newBuilder().setId("a b")
        .setDisplayName("x").addScopes(KeyScope.KEY_SCOPE_MODELS).build()));
    Throwable past = catchThrowable(() -> admin.createApiKey(CreateApiKeyRequest.newBuilder()
        .setDisplayName("x").addScopes(KeyScope.KEY_SCOPE_MODELS)
        .setExpireTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(1)).build()));
    Throwable duplicate = catchThrowable(() -> admin.createApiKey(CreateApiKeyRequest.newBuilder().setId("ci")
        .setDisplayName("x").addScopes(KeyScope.KEY_SCOPE_MODELS).build()));
    Throwable missing = catchThrowable(() -> admin.getApiKey(GetApiKeyRequest.newBuilder().setId("nobody").build()));

    assertThat(Status.fromThrowable(noScopes).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(Statuses.violatedFields(noScopes)).containsExactly("scopes");
    assertThat(Statuses.violatedFields(badId)).containsExactly("id");
    assertThat(Statuses.violatedFields(past)).containsExactly("expire_time");
    assertThat(Status.fromThrowable(duplicate).getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(Statuses.errorInfo(duplicate).getReason()).isEqualTo("ALREADY_EXISTS");
    assertThat(Status.fromThrowable(missing).getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(Statuses.errorInfo(missing).getReason()).isEqualTo("NOT_FOUND");
  }

  @Test
  void disablesReenablesUpdatesAndRevokesWithImmediateEffect() {
    String secret = create("team-b");

    admin.disableApiKey(DisableApiKeyRequest.newBuilder().setId("team-b").build());
    assertThat(modelsWith(secret)).isEqualTo(Status.Code.UNAUTHENTICATED);

    ApiKey updated = admin.updateApiKey(UpdateApiKeyRequest.newBuilder()
        .setKey(ApiKey.newBuilder().setId("team-b").setDisabled(false).setDisplayName("renamed")
            .addScopes(KeyScope.KEY_SCOPE_EMBED))
        .setUpdateMask(FieldMask.newBuilder().addPaths("disabled").addPaths("display_name")).build()).getKey();
    assertThat(updated.getDisplayName()).isEqualTo("renamed");
    assertThat(updated.getScopesList()).containsExactly(KeyScope.KEY_SCOPE_MODELS);
    assertThat(modelsWith(secret)).isEqualTo(Status.Code.OK);

    admin.updateApiKey(UpdateApiKeyRequest.newBuilder()
        .setKey(ApiKey.newBuilder().setId("team-b").addScopes(KeyScope.KEY_SCOPE_EMBED))
        .setUpdateMask(FieldMask.newBuilder().addPaths("scopes")).build());
    assertThat(modelsWith(secret)).isEqualTo(Status.Code.PERMISSION_DENIED);

    admin.revokeApiKey(RevokeApiKeyRequest.newBuilder().setId("team-b").build());
    assertThat(modelsWith(secret)).isEqualTo(Status.Code.UNAUTHENTICATED);
    Throwable gone = catchThrowable(() -> admin.getApiKey(GetApiKeyRequest.newBuilder().setId("team-b").build()));
    assertThat(Status.fromThrowable(gone).getCode()).isEqualTo(Status.Code.NOT_FOUND);
    Throwable badMask = catchThrowable(() -> admin.updateApiKey(UpdateApiKeyRequest.newBuilder()
        .setKey(ApiKey.newBuilder().setId("ci")).setUpdateMask(FieldMask.newBuilder().addPaths("create_time")).build()));
    assertThat(Statuses.violatedFields(badMask)).containsExactly("update_mask");
  }

  @Test
  void rotationKeepsTheOldSecretForTheOverlapOnly() {
    String first = create("team-c");

    RotateApiKeyResponse rotated = admin.rotateApiKey(RotateApiKeyRequest.newBuilder().setId("team-c")
        .setOverlap(Duration.newBuilder().setSeconds(60)).build());

    String second = rotated.getSecret();
    assertThat(second).isNotEqualTo(first);
    assertThat(rotated.getKey().getPreviousSecretExpireTime().getSeconds())
        .isEqualTo(clock.instant().getEpochSecond() + 60);
    assertThat(modelsWith(first)).isEqualTo(Status.Code.OK);
    assertThat(modelsWith(second)).isEqualTo(Status.Code.OK);
    clock.advance(java.time.Duration.ofSeconds(61));
    assertThat(modelsWith(first)).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(modelsWith(second)).isEqualTo(Status.Code.OK);

    String third = admin.rotateApiKey(RotateApiKeyRequest.newBuilder().setId("team-c").build()).getSecret();
    assertThat(modelsWith(second)).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(modelsWith(third)).isEqualTo(Status.Code.OK);
  }

  @Test
  void setsAKeysOwnQuotaThatTheNextCallMeets() {
    String secret = admin.createApiKey(CreateApiKeyRequest.newBuilder().setId("team-q").setDisplayName("Q")
        .addScopes(KeyScope.KEY_SCOPE_COMPLETE).setQuota(KeyQuota.newBuilder().setRequestsPerMinute(2)).build())
        .getSecret();

    assertThat(completeWith(secret)).isEqualTo(Status.Code.OK);
    assertThat(completeWith(secret)).isEqualTo(Status.Code.OK);
    Throwable over = catchThrowable(() -> bearer(gateway.blocking(), secret)
        .complete(AdminTesting.chat("demo-chat", "three")));
    assertThat(Status.fromThrowable(over).getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    com.google.rpc.QuotaFailure.Violation violation =
        Statuses.detail(over, com.google.rpc.QuotaFailure.class).orElseThrow().getViolations(0);
    assertThat(violation.getSubject()).isEqualTo("key:team-q");
    assertThat(violation.getDescription()).contains("requests_per_minute");

    ApiKey raised = admin.updateApiKey(UpdateApiKeyRequest.newBuilder()
        .setKey(ApiKey.newBuilder().setId("team-q").setQuota(KeyQuota.newBuilder().setRequestsPerMinute(3)))
        .setUpdateMask(FieldMask.newBuilder().addPaths("quota")).build()).getKey();
    assertThat(raised.getQuota().getRequestsPerMinute()).isEqualTo(3);
    assertThat(completeWith(secret)).isEqualTo(Status.Code.OK);
    assertThat(completeWith(secret)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);

    ApiKey cleared = admin.updateApiKey(UpdateApiKeyRequest.newBuilder().setKey(ApiKey.newBuilder().setId("team-q"))
        .setUpdateMask(FieldMask.newBuilder().addPaths("quota")).build()).getKey();
    assertThat(cleared.hasQuota()).isFalse();
    assertThat(completeWith(secret)).isEqualTo(Status.Code.OK);
    Throwable negative = catchThrowable(() -> admin.updateApiKey(UpdateApiKeyRequest.newBuilder()
        .setKey(ApiKey.newBuilder().setId("team-q").setQuota(KeyQuota.newBuilder().setMaxInFlight(-1)))
        .setUpdateMask(FieldMask.newBuilder().addPaths("quota")).build()));
    assertThat(Statuses.violatedFields(negative)).containsExactly("key.quota");
  }

  @Test
  void pagesThroughKeysById() {
    for (int i = 0; i < 5; i++) {
      create("page-" + i);
    }
    List<String> ids = new ArrayList<>();
    String token = "";
    for (int page = 0; page < 10; page++) {
      ListApiKeysResponse response = admin.listApiKeys(ListApiKeysRequest.newBuilder().setPageSize(3)
          .setPageToken(token).build());
      response.getKeysList().forEach(k -> ids.add(k.getId()));
      token = response.getNextPageToken();
      if (token.isEmpty()) {
        break;
      }
    }
    assertThat(ids).containsExactly("admin", "ci", "page-0", "page-1", "page-2", "page-3", "page-4");
    Throwable bad = catchThrowable(() -> admin.listApiKeys(ListApiKeysRequest.newBuilder().setPageToken("x!").build()));
    assertThat(Statuses.violatedFields(bad)).containsExactly("page_token");
  }

  private String create(String id) {
    return admin.createApiKey(CreateApiKeyRequest.newBuilder().setId(id).setDisplayName(id)
        .addScopes(KeyScope.KEY_SCOPE_MODELS).build()).getSecret();
  }

  private Status.Code completeWith(String secret) {
    Throwable t = catchThrowable(() -> bearer(gateway.blocking(), secret).complete(AdminTesting.chat("demo-chat", "x")));
    return t == null ? Status.Code.OK : Status.fromThrowable(t).getCode();
  }

  private Status.Code modelsWith(String secret) {
    Throwable t = catchThrowable(() -> bearer(gateway.blocking(), secret).listModels(ListModelsRequest.getDefaultInstance()));
    return t == null ? Status.Code.OK : Status.fromThrowable(t).getCode();
  }
}
