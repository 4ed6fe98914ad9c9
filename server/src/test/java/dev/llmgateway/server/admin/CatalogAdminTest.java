package dev.llmgateway.server.admin;

import static dev.llmgateway.server.admin.AdminTesting.ADMIN_KEY;
import static dev.llmgateway.server.admin.AdminTesting.CI_KEY;
import static dev.llmgateway.server.admin.AdminTesting.admin;
import static dev.llmgateway.server.admin.AdminTesting.chat;
import static dev.llmgateway.server.testing.ApiKeyHeaders.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.inject.util.Modules;
import dev.llmgateway.server.testing.GrpcCleanupExtension;
import dev.llmgateway.server.testing.Statuses;
import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.AdminServiceGrpc.AdminServiceBlockingStub;
import dev.llmgateway.v1.Capability;
import dev.llmgateway.v1.DeleteModelEntryRequest;
import dev.llmgateway.v1.DeleteProviderRequest;
import dev.llmgateway.v1.EntrySource;
import dev.llmgateway.v1.GetProviderRequest;
import dev.llmgateway.v1.ListModelEntriesRequest;
import dev.llmgateway.v1.ListProvidersRequest;
import dev.llmgateway.v1.ModelEntry;
import dev.llmgateway.v1.ProviderEntry;
import dev.llmgateway.v1.UpsertModelEntryRequest;
import dev.llmgateway.v1.UpsertProviderRequest;
import io.grpc.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Providers and catalogue entries changed at run time, on top of the configuration file's. */
class CatalogAdminTest {
  private static final String CREDENTIAL = "sk-runtime-credential-0123456789abcdef";

  @RegisterExtension final GrpcCleanupExtension cleanup = new GrpcCleanupExtension();
  private TestGateway gateway;
  private AdminServiceBlockingStub admin;

  @BeforeEach
  void start() {
    gateway = cleanup.register(TestGateway.start(AdminTesting.CONFIG, AdminTesting.ENV, Modules.EMPTY_MODULE));
    admin = admin(gateway, ADMIN_KEY);
  }

  @Test
  void addsAProviderAndAModelThatServeAtOnceThenRemovesThem() {
    ProviderEntry stored = admin.upsertProvider(UpsertProviderRequest.newBuilder().setCredential(CREDENTIAL)
        .setProvider(ProviderEntry.newBuilder().setName("local").setType("demo").setEnabled(true)
            .putOptions("stream-chunk-delay", "0ms")).build()).getProvider();
    admin.upsertModelEntry(UpsertModelEntryRequest.newBuilder().setModel(ModelEntry.newBuilder().setId("local-chat")
        .setProvider("local").setUpstreamModel("demo-echo-1").addAliases("lc")
        .addCapabilities(Capability.CAPABILITY_CHAT)).build());

    assertThat(stored.getCredentialSet()).isTrue();
    assertThat(stored.getSource()).isEqualTo(EntrySource.ENTRY_SOURCE_RUNTIME);
    assertThat(bearer(gateway.blocking(), CI_KEY).complete(chat("lc", "hello")).getProvider()).isEqualTo("local");
    assertThat(admin.getProvider(GetProviderRequest.newBuilder().setName("local").build()).getProvider())
        .isEqualTo(stored);
    assertThat(admin.listProviders(ListProvidersRequest.getDefaultInstance()).getProvidersList())
        .extracting(ProviderEntry::getName, ProviderEntry::getSource)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("demo", EntrySource.ENTRY_SOURCE_CONFIG_FILE),
            org.assertj.core.groups.Tuple.tuple("local", EntrySource.ENTRY_SOURCE_RUNTIME));
    assertThat(admin.listModelEntries(ListModelEntriesRequest.getDefaultInstance()).getModelsList())
        .extracting(ModelEntry::getId).containsExactly("demo-chat", "local-chat");
    assertThat(admin.listProviders(ListProvidersRequest.getDefaultInstance()).toString()).doesNotContain(CREDENTIAL);

    Throwable inUse = catchThrowable(() -> admin.deleteProvider(DeleteProviderRequest.newBuilder().setName("local").build()));
    assertThat(Status.fromThrowable(inUse).getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    admin.deleteModelEntry(DeleteModelEntryRequest.newBuilder().setId("local-chat").build());
    admin.deleteProvider(DeleteProviderRequest.newBuilder().setName("local").build());

    Throwable gone = catchThrowable(() -> bearer(gateway.blocking(), CI_KEY).complete(chat("lc", "hello")));
    assertThat(Status.fromThrowable(gone).getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(Statuses.errorInfo(gone).getReason()).isEqualTo("MODEL_NOT_FOUND");
  }

  @Test
  void keepsTheConfigurationFilesEntriesReadOnly() {
    Throwable provider = catchThrowable(() -> admin.upsertProvider(UpsertProviderRequest.newBuilder()
        .setProvider(ProviderEntry.newBuilder().setName("demo").setType("demo")).build()));
    Throwable model = catchThrowable(() -> admin.upsertModelEntry(UpsertModelEntryRequest.newBuilder()
        .setModel(ModelEntry.newBuilder().setId("other").setProvider("demo").addAliases("demo-chat")).build()));
    Throwable delete = catchThrowable(() -> admin.deleteModelEntry(DeleteModelEntryRequest.newBuilder()
        .setId("demo-chat").build()));

    for (Throwable t : new Throwable[] {provider, model, delete}) {
      assertThat(Status.fromThrowable(t).getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(Statuses.errorInfo(t).getReason()).isEqualTo("FAILED_PRECONDITION");
    }
    assertThat(Status.fromThrowable(provider).getDescription()).contains("configuration file");
  }

  @Test
  void aGatewayWhoseRedisIsDownStartsAndServesTheFilesCatalogue() {
    TestGateway down = cleanup.register(TestGateway.start(AdminTesting.MODELS + """
        store { type = redis, redis { endpoints = ["127.0.0.1:%d"], connect-timeout = 200ms, socket-timeout = 200ms } }
        auth { hash-secret-env = HASH_SECRET }
        """.formatted(dev.llmgateway.server.store.redis.RedisServerExtension.freePort()), java.util.Map.of("HASH_SECRET", AdminTesting.HASH_SECRET),
        Modules.EMPTY_MODULE));

    assertThat(dev.llmgateway.server.testing.ApiKeyHeaders.none(down.blocking()).complete(chat("demo-chat", "hi"))
        .getProvider()).isEqualTo("demo");
  }

  @Test
  void refusesAProviderItCannotCreateAndChangesNothing() {
    Throwable unknownType = catchThrowable(() -> admin.upsertProvider(UpsertProviderRequest.newBuilder()
        .setProvider(ProviderEntry.newBuilder().setName("odd").setType("teleport").setEnabled(true)).build()));
    Throwable noProvider = catchThrowable(() -> admin.upsertModelEntry(UpsertModelEntryRequest.newBuilder()
        .setModel(ModelEntry.newBuilder().setId("m").setProvider("nowhere")).build()));

    assertThat(Status.fromThrowable(unknownType).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(Status.fromThrowable(unknownType).getDescription()).contains("teleport");
    assertThat(Statuses.violatedFields(noProvider)).containsExactly("model.provider");
    assertThat(admin.listProviders(ListProvidersRequest.getDefaultInstance()).getProvidersCount()).isEqualTo(1);
  }
}
