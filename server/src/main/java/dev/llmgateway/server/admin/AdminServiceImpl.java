package dev.llmgateway.server.admin;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.routing.ModelDiscovery;
import dev.llmgateway.v1.AdminServiceGrpc;
import dev.llmgateway.v1.ProviderDiscovery;
import dev.llmgateway.v1.RefreshModelsRequest;
import dev.llmgateway.v1.RefreshModelsResponse;
import io.grpc.stub.StreamObserver;

/** The control plane: for now, refreshing the model catalogue on request. */
@Singleton
final class AdminServiceImpl extends AdminServiceGrpc.AdminServiceImplBase {
  private final ModelDiscovery discovery;

  @Inject
  AdminServiceImpl(ModelDiscovery discovery) {
    this.discovery = discovery;
  }

  @Override
  public void refreshModels(RefreshModelsRequest request, StreamObserver<RefreshModelsResponse> observer) {
    // Completes on the provider threads that answered; never exceptionally.
    discovery.refresh().thenAccept(outcomes -> {
      RefreshModelsResponse.Builder response = RefreshModelsResponse.newBuilder();
      outcomes.forEach((provider, outcome) -> response.addProviders(ProviderDiscovery.newBuilder()
          .setProvider(provider)
          .setOk(outcome.error() == null)
          .setModels(Math.max(0, outcome.models()))
          .setError(outcome.error() == null ? "" : outcome.error().kind() + ": " + outcome.error().getMessage())));
      observer.onNext(response.build());
      observer.onCompleted();
    });
  }
}
