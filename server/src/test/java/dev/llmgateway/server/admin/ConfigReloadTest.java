package dev.llmgateway.server.admin;

import static dev.llmgateway.server.admin.AdminTesting.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.inject.AbstractModule;
import dev.llmgateway.server.config.ConfigSource;
import dev.llmgateway.server.testing.ApiKeyHeaders;
import dev.llmgateway.server.testing.GrpcCleanupExtension;
import dev.llmgateway.server.testing.Statuses;
import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.AdminServiceGrpc;
import dev.llmgateway.v1.ListAuditEventsRequest;
import dev.llmgateway.v1.ListModelEntriesRequest;
import dev.llmgateway.v1.ModelEntry;
import dev.llmgateway.v1.ReloadConfigRequest;
import dev.llmgateway.v1.ReloadConfigResponse;
import io.grpc.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** ReloadConfig re-reads the file the gateway started with: applied when valid, nothing changed when not. */
class ConfigReloadTest {
  private static final String BASE = """
      server { host = "127.0.0.1", port = 0 }
      telemetry { prometheus { port = 0 } }
      auth { enabled = false }
      store { type = memory }
      provider-defaults { resilience { retry { max-attempts = 1 } } }
      providers { demo { type = demo, options { stream-chunk-delay = 0ms } } }
      """;
  private static final String MODELS = "models { demo-chat { provider = demo, upstream-model = demo-echo-1, capabilities = [chat] } }\n";

  @RegisterExtension final GrpcCleanupExtension cleanup = new GrpcCleanupExtension();
  @TempDir Path dir;

  @Test
  void appliesProvidersAndModelsNamesSectionsNeedingARestartAndIgnoresABrokenFile() throws IOException {
    Path file = dir.resolve("gateway.conf");
    Files.writeString(file, BASE + MODELS);
    TestGateway gateway = cleanup.register(TestGateway.start(BASE + MODELS, Map.of(), new AbstractModule() {
      @Override
      protected void configure() {
        bind(ConfigSource.class).toInstance(new ConfigSource(Optional.of(file), Map.<String, String>of()::get));
      }
    }));
    AdminServiceGrpc.AdminServiceBlockingStub admin = ApiKeyHeaders.none(AdminServiceGrpc.newBlockingStub(gateway.channel()));
    Files.writeString(file, BASE + """
        models {
          demo-chat { provider = demo, upstream-model = demo-echo-1, capabilities = [chat] }
          demo-new { provider = demo, upstream-model = demo-echo-2, aliases = [fresh], capabilities = [chat] }
        }
        quotas { default { requests-per-minute = 100 } }
        """);

    ReloadConfigResponse reloaded = admin.reloadConfig(ReloadConfigRequest.getDefaultInstance());

    assertThat(reloaded.getSource()).isEqualTo(file.toString());
    assertThat(reloaded.getAppliedList()).containsExactly("providers", "models", "routes");
    assertThat(reloaded.getRestartRequiredList()).containsExactly("quotas");
    assertThat(ApiKeyHeaders.none(gateway.blocking()).complete(chat("fresh", "hi")).getModel()).isEqualTo("demo-echo-2");

    Files.writeString(file, BASE + "models {\n  demo-chat { provider = demo, capabilities = [chat] }\n  broken { provider = nowhere, capabilities = [chat] }\n}\n");
    Throwable refused = catchThrowable(() -> admin.reloadConfig(ReloadConfigRequest.getDefaultInstance()));

    assertThat(Status.fromThrowable(refused).getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(Statuses.errorInfo(refused).getReason()).isEqualTo("FAILED_PRECONDITION");
    assertThat(Status.fromThrowable(refused).getDescription())
        .startsWith("configuration not reloaded, nothing changed: ")
        .contains("gateway.conf: 9").contains("models.\"broken\"").contains("nowhere");
    assertThat(ApiKeyHeaders.none(gateway.blocking()).complete(chat("fresh", "still here")).getModel())
        .isEqualTo("demo-echo-2");
    assertThat(admin.listModelEntries(ListModelEntriesRequest.getDefaultInstance()).getModelsList())
        .extracting(ModelEntry::getId).containsExactly("demo-chat", "demo-new");

    Files.writeString(file, BASE + "models { demo-chat { provider = demo, upstream-model = demo-echo-1, capabilities = [chat] } \n");
    Throwable unparseable = catchThrowable(() -> admin.reloadConfig(ReloadConfigRequest.getDefaultInstance()));
    assertThat(Status.fromThrowable(unparseable).getDescription()).contains("gateway.conf: 8");
    assertThat(admin.listAuditEvents(ListAuditEventsRequest.getDefaultInstance()).getEventsList())
        .singleElement().satisfies(e -> {
          assertThat(e.getAction()).isEqualTo("ReloadConfig");
          assertThat(e.getActorKeyId()).isEqualTo("anonymous");
        });
  }
}
