package dev.llmgateway.server.admin;

import static dev.llmgateway.server.admin.AdminTesting.ADMIN_KEY;
import static dev.llmgateway.server.admin.AdminTesting.CI_KEY;
import static dev.llmgateway.server.admin.AdminTesting.admin;
import static dev.llmgateway.server.admin.AdminTesting.chat;
import static dev.llmgateway.server.testing.ApiKeyHeaders.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.inject.util.Modules;
import com.google.protobuf.FieldMask;
import dev.llmgateway.server.testing.GrpcCleanupExtension;
import dev.llmgateway.server.testing.Statuses;
import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.AdminServiceGrpc.AdminServiceBlockingStub;
import dev.llmgateway.v1.CircuitState;
import dev.llmgateway.v1.CompleteResponse;
import dev.llmgateway.v1.DeploymentStatus;
import dev.llmgateway.v1.ErrorClass;
import dev.llmgateway.v1.GetRouteRequest;
import dev.llmgateway.v1.ListAuditEventsRequest;
import dev.llmgateway.v1.ListDeploymentHealthRequest;
import dev.llmgateway.v1.ListRoutesRequest;
import dev.llmgateway.v1.LoadBalancing;
import dev.llmgateway.v1.ModelRoute;
import dev.llmgateway.v1.ResetRouteRequest;
import dev.llmgateway.v1.UpdateRouteRequest;
import io.grpc.Status;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routes read and changed at run time through AdminService: aliases and fallback chains take effect on the
 * next call, invalid changes name their field and change nothing, a reset brings the file's route back, a
 * change survives a restart on the embedded store, and deployment health is reported.
 */
class RouteAdminTest {
  @RegisterExtension final GrpcCleanupExtension cleanup = new GrpcCleanupExtension();
  @StartStop final MockWebServer primary = new MockWebServer();
  @StartStop final MockWebServer spare = new MockWebServer();
  @TempDir Path dir;

  private TestGateway start(String store) {
    return cleanup.register(TestGateway.start(AdminTesting.CONFIG + store + """
        providers {
          a { type = openai, base-url = "%s" }
          b { type = openai, base-url = "%s" }
        }
        models {
          m { provider = a, upstream-model = up-m, capabilities = [chat] }
          big { provider = b, upstream-model = up-big, capabilities = [chat] }
        }
        """.formatted(primary.url("/v1"), spare.url("/v1")), AdminTesting.ENV, Modules.EMPTY_MODULE));
  }

  private static UpdateRouteRequest update(ModelRoute route, String... paths) {
    return UpdateRouteRequest.newBuilder().setRoute(route)
        .setUpdateMask(FieldMask.newBuilder().addAllPaths(java.util.List.of(paths))).build();
  }

  private static ModelRoute route(String model) {
    return ModelRoute.newBuilder().setModel(model).build();
  }

  private static MockResponse ok(String text) {
    return new MockResponse.Builder().addHeader("content-type", "application/json").body("""
        {"id":"c1","object":"chat.completion","created":1,"model":"up","choices":[{"index":0,
        "message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
        "usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}""".formatted(text)).build();
  }

  private static MockResponse unavailable() {
    return new MockResponse.Builder().code(503).addHeader("content-type", "application/json")
        .body("{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\"}}").build();
  }

  private CompleteResponse call(TestGateway gateway, String model) {
    return bearer(gateway.blocking(), CI_KEY).withDeadlineAfter(10, TimeUnit.SECONDS).complete(chat(model, "hi"));
  }

  @Test
  void anAliasAndAFallbackAddedAtRunTimeServeTheNextCallAndAResetRemovesThem() {
    TestGateway gateway = start("");
    AdminServiceBlockingStub admin = admin(gateway, ADMIN_KEY);
    ModelRoute file = admin.getRoute(GetRouteRequest.newBuilder().setModel("m").build()).getRoute();

    ModelRoute changed = admin.updateRoute(update(route("m").toBuilder().addAliases("smart").addFallbacks("big")
        .setLoadBalancing(LoadBalancing.LOAD_BALANCING_LEAST_IN_FLIGHT).build(),
        "aliases", "fallbacks", "load_balancing")).getRoute();
    primary.enqueue(unavailable());
    spare.enqueue(ok("from big"));
    CompleteResponse served = call(gateway, "smart");

    assertThat(file.getFallbacksList()).isEmpty();
    assertThat(file.getChangedAtRunTime()).isFalse();
    assertThat(file.getDeploymentsList()).extracting(d -> d.getProvider() + "/" + d.getUpstreamModel())
        .containsExactly("a/up-m");
    assertThat(changed.getAliasesList()).containsExactly("smart");
    assertThat(changed.getFallbacksList()).containsExactly("big");
    assertThat(changed.getLoadBalancing()).isEqualTo(LoadBalancing.LOAD_BALANCING_LEAST_IN_FLIGHT);
    assertThat(changed.getChangedAtRunTime()).isTrue();
    assertThat(changed.getDeploymentsList()).isEqualTo(file.getDeploymentsList());
    assertThat(served.getRoute().getModel()).isEqualTo("big");
    assertThat(served.getRoute().getAttemptsList()).extracting(a -> a.getModel() + ":" + a.getErrorClass())
        .containsExactly("m:ERROR_CLASS_UNAVAILABLE", "big:ERROR_CLASS_UNSPECIFIED");
    assertThat(admin.listRoutes(ListRoutesRequest.getDefaultInstance()).getRoutesList())
        .extracting(ModelRoute::getModel).containsExactly("big", "demo-chat", "m");
    assertThat(admin.listAuditEvents(ListAuditEventsRequest.getDefaultInstance()).toString())
        .contains("UpdateRoute").contains("route/m");

    ModelRoute reset = admin.resetRoute(ResetRouteRequest.newBuilder().setModel("m").build()).getRoute();
    primary.enqueue(unavailable());
    Throwable noFallback = catchThrowable(() -> call(gateway, "m"));
    Throwable noAlias = catchThrowable(() -> call(gateway, "smart"));

    assertThat(reset).isEqualTo(file);
    assertThat(Status.fromThrowable(noFallback).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(Status.fromThrowable(noAlias).getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(spare.getRequestCount()).isEqualTo(1);
    Throwable again = catchThrowable(() -> admin.resetRoute(ResetRouteRequest.newBuilder().setModel("m").build()));
    assertThat(Status.fromThrowable(again).getCode()).isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void anInvalidChangeNamesItsFieldAndChangesNothing() {
    TestGateway gateway = start("");
    AdminServiceBlockingStub admin = admin(gateway, ADMIN_KEY);
    ModelRoute before = admin.getRoute(GetRouteRequest.newBuilder().setModel("m").build()).getRoute();

    Throwable unknownFallback = catchThrowable(() -> admin.updateRoute(update(route("m").toBuilder()
        .addFallbacks("nowhere").build(), "fallbacks")));
    Throwable selfFallback = catchThrowable(() -> admin.updateRoute(update(route("m").toBuilder()
        .addFallbacks("m").build(), "fallbacks")));
    Throwable takenAlias = catchThrowable(() -> admin.updateRoute(update(route("m").toBuilder()
        .addAliases("big").build(), "aliases")));
    Throwable badClass = catchThrowable(() -> admin.updateRoute(update(route("m").toBuilder()
        .addFallbackOn(ErrorClass.ERROR_CLASS_INVALID_REQUEST).build(), "fallback_on")));
    Throwable noMask = catchThrowable(() -> admin.updateRoute(update(route("m"))));
    Throwable readOnly = catchThrowable(() -> admin.updateRoute(update(route("m"), "deployments")));
    Throwable unknownModel = catchThrowable(() -> admin.updateRoute(update(route("ghost"), "fallbacks")));

    assertThat(Statuses.violatedFields(unknownFallback)).containsExactly("route.fallbacks");
    assertThat(Statuses.violatedFields(selfFallback)).containsExactly("route.fallbacks");
    assertThat(Statuses.violatedFields(takenAlias)).containsExactly("route.aliases[0]");
    assertThat(Statuses.violatedFields(badClass)).containsExactly("route.fallback_on[0]");
    assertThat(Statuses.violatedFields(noMask)).containsExactly("update_mask");
    assertThat(Statuses.violatedFields(readOnly)).containsExactly("update_mask");
    for (Throwable t : new Throwable[] {unknownFallback, selfFallback, takenAlias, badClass, noMask, readOnly}) {
      assertThat(Status.fromThrowable(t).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }
    assertThat(Status.fromThrowable(unknownModel).getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(admin.getRoute(GetRouteRequest.newBuilder().setModel("m").build()).getRoute()).isEqualTo(before);
  }

  @Test
  void aRouteChangeOutlivesARestartOnTheEmbeddedStore() {
    String store = "store { type = embedded, embedded.path = \"" + dir.resolve("gw.db") + "\" }\n";
    TestGateway first = start(store);
    admin(first, ADMIN_KEY).updateRoute(update(route("m").toBuilder().addFallbacks("big").build(), "fallbacks"));
    first.close();

    TestGateway second = start(store);
    primary.enqueue(unavailable());
    spare.enqueue(ok("from big"));

    assertThat(admin(second, ADMIN_KEY).getRoute(GetRouteRequest.newBuilder().setModel("m").build()).getRoute()
        .getFallbacksList()).containsExactly("big");
    assertThat(call(second, "m").getRoute().getModel()).isEqualTo("big");
  }

  @Test
  void reportsTheHealthOfTheDeploymentsCalled() {
    TestGateway gateway = start("");
    primary.enqueue(ok("fine"));
    call(gateway, "m");

    java.util.List<DeploymentStatus> health = admin(gateway, ADMIN_KEY)
        .listDeploymentHealth(ListDeploymentHealthRequest.newBuilder().setProvider("a").build()).getDeploymentsList();

    assertThat(health).extracting(DeploymentStatus::getDeployment).containsExactly("m#0");
    assertThat(health.get(0).getCircuitState()).isEqualTo(CircuitState.CIRCUIT_STATE_CLOSED);
    assertThat(health.get(0).getInFlight()).isZero();
    assertThat(health.get(0).getProvider()).isEqualTo("a");
  }
}
