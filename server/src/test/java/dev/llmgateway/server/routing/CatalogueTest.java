package dev.llmgateway.server.routing;

import static dev.llmgateway.server.api.Requests.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmgateway.server.testing.GrpcCleanupExtension;
import dev.llmgateway.server.testing.Statuses;
import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.AdminServiceGrpc;
import dev.llmgateway.v1.Capability;
import dev.llmgateway.v1.CompleteRequest;
import dev.llmgateway.v1.DeploymentType;
import dev.llmgateway.v1.ListModelsRequest;
import dev.llmgateway.v1.Modality;
import dev.llmgateway.v1.Model;
import dev.llmgateway.v1.RefreshModelsRequest;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The catalogue through ListModels and routing: configuration, filters, discovery and its failures. */
class CatalogueTest {
  @RegisterExtension final GrpcCleanupExtension cleanup = new GrpcCleanupExtension();
  @StartStop final MockWebServer upstream = new MockWebServer();

  private static final String MODELS_PAGE = """
      {"object": "list", "data": [
        {"id": "gpt-4o-mini", "object": "model", "created": 1, "owned_by": "system"},
        {"id": "o3-mini", "object": "model", "created": 1, "owned_by": "system"}]}
      """;

  private String config() {
    return """
        discovery { interval = 0 }
        providers {
          demo { type = demo }
          up { type = openai, base-url = "%s", discover-models = true, api-key-env = UP_KEY }
          off { type = openai, base-url = "http://127.0.0.1:9/v1", api-key-env = UNSET_KEY }
        }
        models {
          demo-chat { provider = demo, upstream-model = demo-echo-1, capabilities = [chat, streaming, vision], vendor = llm-gateway }
          demo-embed { provider = demo, upstream-model = demo-embed-1, capabilities = [embeddings] }
          mini {
            provider = up, upstream-model = gpt-4o-mini, capabilities = [chat, streaming], vendor = openai
            price { input-per-million = 0.15, output-per-million = 0.6 }
          }
          sleeper { provider = off, capabilities = [chat] }
        }
        """.formatted(upstream.url("/v1"));
  }

  private List<Model> list(TestGateway gateway, ListModelsRequest request) {
    return gateway.blocking().withDeadlineAfter(5, TimeUnit.SECONDS).listModels(request).getModelsList();
  }

  private static org.awaitility.core.ConditionFactory eventually() {
    return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20));
  }

  @Test
  void configuredEntriesWinAndDiscoveredModelsJoinUnderTheProviderName() {
    upstream.enqueue(new MockResponse.Builder().addHeader("content-type", "application/json").body(MODELS_PAGE).build());
    TestGateway gateway = cleanup.register(TestGateway.start(config(), Map.of("UP_KEY", "k"),
        com.google.inject.util.Modules.EMPTY_MODULE));

    eventually().until(() -> list(gateway, ListModelsRequest.getDefaultInstance()).size() == 4);
    List<Model> models = list(gateway, ListModelsRequest.getDefaultInstance());

    assertThat(models).extracting(Model::getId).containsExactly("demo-chat", "demo-embed", "mini", "up/o3-mini");
    Model mini = models.get(2);
    assertThat(mini.getDiscovered()).isFalse();
    assertThat(mini.getCapabilitiesList()).containsExactly(Capability.CAPABILITY_CHAT, Capability.CAPABILITY_STREAMING);
    assertThat(mini.getPrice().getInputUsdPerMillion()).isEqualTo(0.15);
    assertThat(mini.getDeploymentType()).isEqualTo(DeploymentType.DEPLOYMENT_TYPE_ON_DEMAND);
    assertThat(models.get(3).getDiscovered()).isTrue();
    assertThat(models.get(3).getUpstreamModel()).isEqualTo("o3-mini");
  }

  @Test
  void aFailedDiscoveryKeepsThePreviousModels() throws Exception {
    upstream.enqueue(new MockResponse.Builder().addHeader("content-type", "application/json").body(MODELS_PAGE).build());
    upstream.enqueue(new MockResponse.Builder().code(503).body("{\"error\": {\"message\": \"down\"}}").build());
    TestGateway gateway = cleanup.register(TestGateway.start(config(), Map.of("UP_KEY", "k"),
        com.google.inject.util.Modules.EMPTY_MODULE));
    eventually().until(() -> list(gateway, ListModelsRequest.getDefaultInstance()).size() == 4);

    var outcome = gateway.injector().getInstance(ModelDiscovery.class).refresh().get(10, TimeUnit.SECONDS);

    assertThat(outcome.get("up").models()).isEqualTo(-1);
    assertThat(list(gateway, ListModelsRequest.getDefaultInstance())).extracting(Model::getId).contains("up/o3-mini");
  }

  @Test
  void anAdminRefreshAsksTheProvidersAgainAndReportsEachOutcome() {
    upstream.enqueue(new MockResponse.Builder().addHeader("content-type", "application/json").body(MODELS_PAGE).build());
    upstream.enqueue(new MockResponse.Builder().addHeader("content-type", "application/json").body("""
        {"object": "list", "data": [{"id": "o4-mini", "object": "model", "created": 1, "owned_by": "system"}]}
        """).build());
    TestGateway gateway = cleanup.register(TestGateway.start(config(), Map.of("UP_KEY", "k"),
        com.google.inject.util.Modules.EMPTY_MODULE));
    eventually().until(() -> list(gateway, ListModelsRequest.getDefaultInstance()).size() == 4);

    var response = AdminServiceGrpc.newBlockingStub(gateway.channel()).withDeadlineAfter(10, TimeUnit.SECONDS)
        .refreshModels(RefreshModelsRequest.getDefaultInstance());

    assertThat(response.getProvidersList()).hasSize(1);
    assertThat(response.getProviders(0).getProvider()).isEqualTo("up");
    assertThat(response.getProviders(0).getOk()).isTrue();
    assertThat(response.getProviders(0).getModels()).isEqualTo(1);
    assertThat(list(gateway, ListModelsRequest.getDefaultInstance())).extracting(Model::getId)
        .containsExactly("demo-chat", "demo-embed", "mini", "up/o4-mini");
  }

  @Test
  void listModelsFiltersByVendorModalityAndCapability() {
    TestGateway gateway = cleanup.register(TestGateway.start(config()));

    assertThat(list(gateway, ListModelsRequest.newBuilder().setVendor("llm-gateway").build()))
        .extracting(Model::getId).containsExactly("demo-chat");
    assertThat(list(gateway, ListModelsRequest.newBuilder().setModality(Modality.MODALITY_IMAGE).build()))
        .extracting(Model::getId).containsExactly("demo-chat");
    assertThat(list(gateway, ListModelsRequest.newBuilder().setModality(Modality.MODALITY_EMBEDDING).build()))
        .extracting(Model::getId).containsExactly("demo-embed");
    assertThat(list(gateway, ListModelsRequest.newBuilder().setCapability(Capability.CAPABILITY_CHAT)
        .setProvider("demo").build())).extracting(Model::getId).containsExactly("demo-chat");
  }

  @Test
  void aModelOfAProviderThatIsOffIsNotListedAndSaysWhichVariableEnablesIt() {
    TestGateway gateway = cleanup.register(TestGateway.start(config()));

    assertThat(list(gateway, ListModelsRequest.getDefaultInstance())).extracting(Model::getId).doesNotContain("sleeper");
    Throwable error = catchThrowable(() -> gateway.blocking().complete(CompleteRequest.newBuilder()
        .setModel("sleeper").addMessages(user("hi")).build()));
    assertThat(Status.fromThrowable(error).getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(Status.fromThrowable(error).getDescription()).contains("provider 'off', which is off")
        .contains("UNSET_KEY");
    assertThat(Statuses.errorInfo(error).getMetadataMap()).containsEntry("provider", "off");
  }

  @Test
  void aProviderSlashModelNameReachesProvidersThatAllowUnlistedModelsOnly() {
    TestGateway gateway = cleanup.register(TestGateway.start(config().replace("demo { type = demo }",
        "demo { type = demo, allow-unlisted-models = true }")));

    var answer = gateway.blocking().complete(CompleteRequest.newBuilder().setModel("demo/demo-echo-1")
        .addMessages(user("direct")).build());
    assertThat(answer.getModel()).isEqualTo("demo-echo-1");
    Throwable error = catchThrowable(() -> gateway.blocking().complete(CompleteRequest.newBuilder()
        .setModel("up/gpt-4o").addMessages(user("x")).build()));
    assertThat(Status.fromThrowable(error).getCode()).isEqualTo(Status.Code.NOT_FOUND);
  }
}
