package dev.llmgateway.server.admin;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.routing.ModelDiscovery;
import dev.llmgateway.v1.AdminServiceGrpc;
import dev.llmgateway.v1.CreateApiKeyRequest;
import dev.llmgateway.v1.CreateApiKeyResponse;
import dev.llmgateway.v1.DeleteModelEntryRequest;
import dev.llmgateway.v1.DeleteModelEntryResponse;
import dev.llmgateway.v1.DeleteProviderRequest;
import dev.llmgateway.v1.DeleteProviderResponse;
import dev.llmgateway.v1.DisableApiKeyRequest;
import dev.llmgateway.v1.DisableApiKeyResponse;
import dev.llmgateway.v1.GetApiKeyRequest;
import dev.llmgateway.v1.UpdateRouteResponse;
import dev.llmgateway.v1.UpdateRouteRequest;
import dev.llmgateway.v1.ResetRouteResponse;
import dev.llmgateway.v1.ResetRouteRequest;
import dev.llmgateway.v1.ListRoutesResponse;
import dev.llmgateway.v1.ListRoutesRequest;
import dev.llmgateway.v1.ListDeploymentHealthResponse;
import dev.llmgateway.v1.ListDeploymentHealthRequest;
import dev.llmgateway.v1.GetRouteResponse;
import dev.llmgateway.v1.GetRouteRequest;
import dev.llmgateway.v1.GetApiKeyResponse;
import dev.llmgateway.v1.GetModelEntryRequest;
import dev.llmgateway.v1.GetModelEntryResponse;
import dev.llmgateway.v1.GetProviderRequest;
import dev.llmgateway.v1.GetProviderResponse;
import dev.llmgateway.v1.GetUsageReportRequest;
import dev.llmgateway.v1.GetUsageReportResponse;
import dev.llmgateway.v1.ListApiKeysRequest;
import dev.llmgateway.v1.ListApiKeysResponse;
import dev.llmgateway.v1.ListAuditEventsRequest;
import dev.llmgateway.v1.ListAuditEventsResponse;
import dev.llmgateway.v1.ListModelEntriesRequest;
import dev.llmgateway.v1.ListModelEntriesResponse;
import dev.llmgateway.v1.ListProvidersRequest;
import dev.llmgateway.v1.ListProvidersResponse;
import dev.llmgateway.v1.ProviderDiscovery;
import dev.llmgateway.v1.RefreshModelsRequest;
import dev.llmgateway.v1.RefreshModelsResponse;
import dev.llmgateway.v1.ReloadConfigRequest;
import dev.llmgateway.v1.ReloadConfigResponse;
import dev.llmgateway.v1.RevokeApiKeyRequest;
import dev.llmgateway.v1.RevokeApiKeyResponse;
import dev.llmgateway.v1.RotateApiKeyRequest;
import dev.llmgateway.v1.RotateApiKeyResponse;
import dev.llmgateway.v1.UpdateApiKeyRequest;
import dev.llmgateway.v1.UpdateApiKeyResponse;
import dev.llmgateway.v1.UpsertModelEntryRequest;
import dev.llmgateway.v1.UpsertModelEntryResponse;
import dev.llmgateway.v1.UpsertProviderRequest;
import dev.llmgateway.v1.UpsertProviderResponse;
import io.grpc.stub.StreamObserver;

/**
 * The control plane, {@code llmgateway.v1.AdminService}: each RPC is handed to the class owning its concern
 * (keys, catalogue, routes, usage, audit, reload) through {@link AdminCalls}, which maps failures to statuses. The auth
 * interceptor admits only keys with the admin scope.
 */
@Singleton
final class AdminServiceImpl extends AdminServiceGrpc.AdminServiceImplBase {
  private final ModelDiscovery discovery;
  private final AdminCalls calls;
  private final ApiKeyAdmin keys;
  private final CatalogAdmin catalog;
  private final UsageReports usage;
  private final AuditTrail audit;
  private final ConfigReload reload;
  private final RouteAdmin routes;

  @Inject
  AdminServiceImpl(ModelDiscovery discovery, AdminCalls calls, ApiKeyAdmin keys, CatalogAdmin catalog,
      UsageReports usage, AuditTrail audit, ConfigReload reload, RouteAdmin routes) {
    this.routes = routes;
    this.discovery = discovery;
    this.calls = calls;
    this.keys = keys;
    this.catalog = catalog;
    this.usage = usage;
    this.audit = audit;
    this.reload = reload;
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

  @Override
  public void createApiKey(CreateApiKeyRequest request, StreamObserver<CreateApiKeyResponse> observer) {
    calls.unary(observer, () -> keys.create(request));
  }

  @Override
  public void listApiKeys(ListApiKeysRequest request, StreamObserver<ListApiKeysResponse> observer) {
    calls.unary(observer, () -> keys.list(request));
  }

  @Override
  public void getApiKey(GetApiKeyRequest request, StreamObserver<GetApiKeyResponse> observer) {
    calls.unary(observer, () -> GetApiKeyResponse.newBuilder().setKey(keys.get(request.getId())).build());
  }

  @Override
  public void updateApiKey(UpdateApiKeyRequest request, StreamObserver<UpdateApiKeyResponse> observer) {
    calls.unary(observer, () -> UpdateApiKeyResponse.newBuilder().setKey(keys.update(request)).build());
  }

  @Override
  public void disableApiKey(DisableApiKeyRequest request, StreamObserver<DisableApiKeyResponse> observer) {
    calls.unary(observer, () -> DisableApiKeyResponse.newBuilder().setKey(keys.disable(request.getId())).build());
  }

  @Override
  public void revokeApiKey(RevokeApiKeyRequest request, StreamObserver<RevokeApiKeyResponse> observer) {
    calls.unary(observer, () -> {
      keys.revoke(request.getId());
      return RevokeApiKeyResponse.newBuilder().setId(request.getId()).build();
    });
  }

  @Override
  public void rotateApiKey(RotateApiKeyRequest request, StreamObserver<RotateApiKeyResponse> observer) {
    calls.unary(observer, () -> keys.rotate(request));
  }

  @Override
  public void listProviders(ListProvidersRequest request, StreamObserver<ListProvidersResponse> observer) {
    calls.unary(observer, catalog::listProviders);
  }

  @Override
  public void getProvider(GetProviderRequest request, StreamObserver<GetProviderResponse> observer) {
    calls.unary(observer, () -> GetProviderResponse.newBuilder().setProvider(catalog.provider(request.getName())).build());
  }

  @Override
  public void upsertProvider(UpsertProviderRequest request, StreamObserver<UpsertProviderResponse> observer) {
    calls.unary(observer, () -> UpsertProviderResponse.newBuilder().setProvider(catalog.upsertProvider(request)).build());
  }

  @Override
  public void deleteProvider(DeleteProviderRequest request, StreamObserver<DeleteProviderResponse> observer) {
    calls.unary(observer, () -> {
      catalog.deleteProvider(request.getName());
      return DeleteProviderResponse.newBuilder().setName(request.getName()).build();
    });
  }

  @Override
  public void listModelEntries(ListModelEntriesRequest request, StreamObserver<ListModelEntriesResponse> observer) {
    calls.unary(observer, () -> catalog.listModels(request));
  }

  @Override
  public void getModelEntry(GetModelEntryRequest request, StreamObserver<GetModelEntryResponse> observer) {
    calls.unary(observer, () -> GetModelEntryResponse.newBuilder().setModel(catalog.model(request.getId())).build());
  }

  @Override
  public void upsertModelEntry(UpsertModelEntryRequest request, StreamObserver<UpsertModelEntryResponse> observer) {
    calls.unary(observer, () -> UpsertModelEntryResponse.newBuilder()
        .setModel(catalog.upsertModel(request.getModel())).build());
  }

  @Override
  public void deleteModelEntry(DeleteModelEntryRequest request, StreamObserver<DeleteModelEntryResponse> observer) {
    calls.unary(observer, () -> {
      catalog.deleteModel(request.getId());
      return DeleteModelEntryResponse.newBuilder().setId(request.getId()).build();
    });
  }

  @Override
  public void getUsageReport(GetUsageReportRequest request, StreamObserver<GetUsageReportResponse> observer) {
    calls.unary(observer, () -> usage.report(request));
  }

  @Override
  public void listAuditEvents(ListAuditEventsRequest request, StreamObserver<ListAuditEventsResponse> observer) {
    calls.unary(observer, () -> audit.list(request));
  }

  @Override
  public void reloadConfig(ReloadConfigRequest request, StreamObserver<ReloadConfigResponse> observer) {
    calls.unary(observer, reload::reload);
  }

  @Override
  public void listRoutes(ListRoutesRequest request, StreamObserver<ListRoutesResponse> observer) {
    calls.unary(observer, () -> routes.list(request));
  }

  @Override
  public void getRoute(GetRouteRequest request, StreamObserver<GetRouteResponse> observer) {
    calls.unary(observer, () -> GetRouteResponse.newBuilder().setRoute(routes.get(request.getModel())).build());
  }

  @Override
  public void updateRoute(UpdateRouteRequest request, StreamObserver<UpdateRouteResponse> observer) {
    calls.unary(observer, () -> UpdateRouteResponse.newBuilder().setRoute(routes.update(request)).build());
  }

  @Override
  public void resetRoute(ResetRouteRequest request, StreamObserver<ResetRouteResponse> observer) {
    calls.unary(observer, () -> ResetRouteResponse.newBuilder().setRoute(routes.reset(request.getModel())).build());
  }

  @Override
  public void listDeploymentHealth(ListDeploymentHealthRequest request,
      StreamObserver<ListDeploymentHealthResponse> observer) {
    calls.unary(observer, () -> routes.health(request));
  }
}
