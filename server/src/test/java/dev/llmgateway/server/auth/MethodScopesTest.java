package dev.llmgateway.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.llmgateway.server.store.Scope;
import dev.llmgateway.v1.GatewayServiceGrpc;
import io.grpc.MethodDescriptor;
import org.junit.jupiter.api.Test;

class MethodScopesTest {

  @Test
  void everyGatewayServiceMethodNeedsAScope() {
    for (MethodDescriptor<?, ?> method : GatewayServiceGrpc.getServiceDescriptor().getMethods()) {
      assertThat(MethodScopes.required(method.getFullMethodName())).as(method.getFullMethodName()).isPresent();
    }
  }

  @Test
  void mapsEachMethodToItsScope() {
    assertThat(MethodScopes.required("llmgateway.v1.GatewayService/Complete")).contains(Scope.COMPLETE);
    assertThat(MethodScopes.required("llmgateway.v1.GatewayService/CompleteStream")).contains(Scope.COMPLETE);
    assertThat(MethodScopes.required("llmgateway.v1.GatewayService/CountTokens")).contains(Scope.COMPLETE);
    assertThat(MethodScopes.required("llmgateway.v1.GatewayService/GenerateImage")).contains(Scope.COMPLETE);
    assertThat(MethodScopes.required("llmgateway.v1.GatewayService/Embed")).contains(Scope.EMBED);
    assertThat(MethodScopes.required("llmgateway.v1.GatewayService/ListModels")).contains(Scope.MODELS);
  }

  @Test
  void everyAdminServiceMethodNeedsAdmin() {
    assertThat(MethodScopes.required("llmgateway.v1.AdminService/CreateKey")).contains(Scope.ADMIN);
    assertThat(MethodScopes.required("llmgateway.v1.AdminService/AnythingAddedLater")).contains(Scope.ADMIN);
  }

  @Test
  void anUnknownMethodNeedsAScopeNoKeyHas() {
    assertThat(MethodScopes.required("llmgateway.v1.GatewayService/Unlisted")).isEmpty();
    assertThat(MethodScopes.required("llmgateway.v1.GatewayService/CompleteX")).isEmpty();
    assertThat(MethodScopes.required("llmgateway.v1.OtherService/Complete")).isEmpty();
    assertThat(MethodScopes.required("no-slash")).isEmpty();
  }
}
