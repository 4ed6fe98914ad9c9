package dev.llmgateway.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.Message;
import dev.llmgateway.server.testing.GrpcCleanupExtension;
import dev.llmgateway.server.testing.Statuses;
import dev.llmgateway.server.testing.TestGateway;
import dev.llmgateway.v1.AdminServiceGrpc;
import io.grpc.CallOptions;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every AdminService method, found from the service definition so that a new one cannot be left out, refuses
 * a key without the admin scope, and one without any key.
 */
class AdminPermissionTest {
  @RegisterExtension final GrpcCleanupExtension cleanup = new GrpcCleanupExtension();

  @Test
  void everyAdminMethodRefusesANonAdminKeyAsPermissionDeniedAndNoKeyAsUnauthenticated() {
    TestGateway gateway = cleanup.register(TestGateway.start(AdminTesting.CONFIG, AdminTesting.ENV,
        com.google.inject.util.Modules.EMPTY_MODULE));
    List<String> checked = new ArrayList<>();
    for (ServerMethodDefinition<?, ?> method : AdminServiceGrpc.bindService(new AdminServiceGrpc.AdminServiceImplBase() {})
        .getMethods()) {
      MethodDescriptor<?, ?> descriptor = method.getMethodDescriptor();

      Throwable denied = catchThrowable(() -> call(gateway, descriptor, AdminTesting.CI_KEY));
      Throwable anonymous = catchThrowable(() -> call(gateway, descriptor, null));

      assertThat(Status.fromThrowable(denied).getCode()).as(descriptor.getFullMethodName())
          .isEqualTo(Status.Code.PERMISSION_DENIED);
      assertThat(Statuses.errorInfo(denied).getReason()).isEqualTo("PERMISSION_DENIED");
      assertThat(Statuses.errorInfo(denied).getMetadataMap()).containsEntry("scope", "admin");
      assertThat(Status.fromThrowable(anonymous).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
      checked.add(descriptor.getBareMethodName());
    }
    assertThat(checked).hasSize(AdminServiceGrpc.getServiceDescriptor().getMethods().size())
        .contains("CreateApiKey", "RevokeApiKey", "RotateApiKey", "UpsertProvider", "GetUsageReport",
            "ListAuditEvents", "ReloadConfig", "RefreshModels");
  }

  private static <Q, R> R call(TestGateway gateway, MethodDescriptor<Q, R> method, String key) {
    @SuppressWarnings("unchecked")
    Q request = ((MethodDescriptor.PrototypeMarshaller<Q>) method.getRequestMarshaller()).getMessagePrototype();
    Metadata headers = new Metadata();
    if (key != null) {
      headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + key);
    }
    io.grpc.Channel channel = io.grpc.ClientInterceptors.intercept(gateway.channel(),
        MetadataUtils.newAttachHeadersInterceptor(headers));
    assertThat(request).isInstanceOf(Message.class);
    return ClientCalls.blockingUnaryCall(channel, method, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
        request);
  }
}
