package dev.llmgateway.server.api;

import static dev.llmgateway.server.api.Requests.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.llmgateway.server.testing.GrpcCleanupExtension;
import dev.llmgateway.server.testing.Statuses;
import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.CompleteRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A key's model allow-list, checked against the resolved model and the name the caller used. */
class ModelAllowListTest {
  private static final String KEY = "team-key-0123456789abcdefghijklmnopqrstuvwxyz";

  @RegisterExtension final GrpcCleanupExtension cleanup = new GrpcCleanupExtension();

  @Test
  void aKeyMayUseOnlyTheModelsItsAllowListNamesByIdOrAlias() {
    TestGateway gateway = cleanup.register(TestGateway.start("""
        auth {
          enabled = true
          keys = [ { id = "team", name = "Team", key-env = TEAM_KEY, scopes = [complete], models = [demo] } ]
        }
        providers { demo { type = demo, options { stream-chunk-delay = 0ms } } }
        models {
          demo-chat { provider = demo, upstream-model = demo-echo-1, aliases = [demo], capabilities = [chat] }
          other { provider = demo, upstream-model = demo-echo-1, capabilities = [chat] }
        }
        """, Map.of("TEAM_KEY", KEY), com.google.inject.util.Modules.EMPTY_MODULE));
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + KEY);
    var stub = gateway.blocking().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));

    var allowed = stub.complete(CompleteRequest.newBuilder().setModel("demo").addMessages(user("hi")).build());
    Throwable denied = catchThrowable(() -> stub.complete(CompleteRequest.newBuilder().setModel("other")
        .addMessages(user("hi")).build()));

    assertThat(allowed.getProvider()).isEqualTo("demo");
    assertThat(Status.fromThrowable(denied).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(Statuses.errorInfo(denied).getReason()).isEqualTo("PERMISSION_DENIED");
    assertThat(Status.fromThrowable(denied).getDescription()).contains("team").contains("other");
  }
}
