package dev.llmgateway.server.admin;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.llmgateway.server.config.ModelConfig;
import dev.llmgateway.server.config.RoutePolicy;
import dev.llmgateway.server.errors.FieldViolation;
import dev.llmgateway.server.errors.GatewayException;
import dev.llmgateway.server.resilience.DeploymentGuards;
import dev.llmgateway.server.routing.ModelCatalog;
import dev.llmgateway.server.routing.RouteTable;
import dev.llmgateway.server.store.CatalogStore;
import dev.llmgateway.server.store.RuntimeEntry;
import dev.llmgateway.server.store.StoreChange;
import dev.llmgateway.server.store.StoreChanges;
import dev.llmgateway.v1.ListDeploymentHealthRequest;
import dev.llmgateway.v1.ListDeploymentHealthResponse;
import dev.llmgateway.v1.ListRoutesRequest;
import dev.llmgateway.v1.ListRoutesResponse;
import dev.llmgateway.v1.ModelRoute;
import dev.llmgateway.v1.UpdateRouteRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The routing RPCs: reads of the routes in effect, run-time changes of their aliases, fallbacks, balancing,
 * fallback classes and hedging (checked, put in effect, stored, announced to the other replicas and audited),
 * and the deployments' health as this replica sees it.
 */
@Singleton
final class RouteAdmin {
  private static final String TOKEN_KIND = "routes";

  private final RuntimeCatalog runtime;
  private final RouteTable routes;
  private final ModelCatalog catalog;
  private final DeploymentGuards guards;
  private final CatalogStore store;
  private final StoreChanges changes;
  private final AuditTrail audit;
  private final Clock clock;

  @Inject
  RouteAdmin(RuntimeCatalog runtime, RouteTable routes, ModelCatalog catalog, DeploymentGuards guards,
      CatalogStore store, StoreChanges changes, AuditTrail audit, Clock clock) {
    this.runtime = runtime;
    this.routes = routes;
    this.catalog = catalog;
    this.guards = guards;
    this.store = store;
    this.changes = changes;
    this.audit = audit;
    this.clock = clock;
  }

  ListRoutesResponse list(ListRoutesRequest request) {
    int size = PageTokens.size(request.getPageSize());
    String after = PageTokens.decode(TOKEN_KIND, request.getPageToken());
    List<String> rest = new TreeSet<>(routes.policies().keySet()).tailSet(after, false).stream().toList();
    ListRoutesResponse.Builder response = ListRoutesResponse.newBuilder();
    rest.subList(0, Math.min(size, rest.size())).forEach(id -> response.addRoutes(view(id)));
    if (rest.size() > size) {
      response.setNextPageToken(PageTokens.encode(TOKEN_KIND, rest.get(size - 1)));
    }
    return response.build();
  }

  ModelRoute get(String model) {
    return view(model);
  }

  ModelRoute update(UpdateRouteRequest request) {
    String model = request.getRoute().getModel();
    if (model.isEmpty()) {
      throw AdminCalls.invalid("route.model", "is required");
    }
    synchronized (runtime) {
      ModelRoute before = view(model);
      ModelRoute merged = RouteMessages.merge(before, request.getRoute(), request.getUpdateMask());
      checkAliases(model, merged.getAliasesList());
      Instant now = clock.instant();
      ModelRoute stored = merged.toBuilder().clearDeployments().clearChangedAtRunTime()
          .setUpdatedAt(com.google.protobuf.Timestamp.newBuilder().setSeconds(now.getEpochSecond())
              .setNanos(now.getNano()))
          .build();
      Map<String, ModelRoute> next = new LinkedHashMap<>(runtime.routeChanges());
      next.put(model, stored);
      commit(next, () -> store.put(new RuntimeEntry(RuntimeEntry.Kind.ROUTE, model, stored.toByteArray(),
          Optional.empty(), now)));
      ModelRoute after = view(model);
      changed("UpdateRoute", model, before, after);
      return after;
    }
  }

  ModelRoute reset(String model) {
    synchronized (runtime) {
      ModelRoute before = view(model);
      if (!runtime.routeChanges().containsKey(model)) {
        throw AdminCalls.notFound("a run-time route change of model '" + model + "'");
      }
      Map<String, ModelRoute> next = new LinkedHashMap<>(runtime.routeChanges());
      next.remove(model);
      commit(next, () -> store.delete(RuntimeEntry.Kind.ROUTE, model));
      ModelRoute after = view(model);
      changed("ResetRoute", model, before, after);
      return after;
    }
  }

  ListDeploymentHealthResponse health(ListDeploymentHealthRequest request) {
    ListDeploymentHealthResponse.Builder response = ListDeploymentHealthResponse.newBuilder();
    guards.health().stream()
        .filter(h -> request.getProvider().isEmpty() || h.provider().equals(request.getProvider()))
        .forEach(h -> response.addDeployments(RouteMessages.toProto(h)));
    return response.build();
  }

  private ModelRoute view(String model) {
    RoutePolicy policy = routes.policies().get(model);
    if (policy == null) {
      throw runtime.runtimeModels().containsKey(model)
          ? AdminCalls.precondition("model '" + model + "' is a run-time entry, which routes to its one provider;"
              + " routes are kept for the configuration file's models")
          : AdminCalls.notFound("model '" + model + "'");
    }
    List<String> aliases = catalog.find(model).map(e -> e.model().aliases()).orElse(List.of());
    Optional<Instant> changedAt = Optional.ofNullable(runtime.routeChanges().get(model))
        .map(c -> Instant.ofEpochSecond(c.getUpdatedAt().getSeconds(), c.getUpdatedAt().getNanos()));
    return RouteMessages.toProto(model, aliases, policy, changedAt);
  }

  /** Checks that no alias is another model's id or alias. */
  private void checkAliases(String model, List<String> aliases) {
    Set<String> taken = new HashSet<>();
    for (ModelConfig m : runtime.file().models().values()) {
      if (!m.id().equals(model)) {
        taken.add(m.id());
        ModelRoute change = runtime.routeChanges().get(m.id());
        taken.addAll(change != null ? change.getAliasesList() : m.aliases());
      }
    }
    taken.addAll(RuntimeCatalog.namesOf(runtime.runtimeModels().values()));
    for (int i = 0; i < aliases.size(); i++) {
      if (aliases.get(i).equals(model) || taken.contains(aliases.get(i))) {
        throw AdminCalls.invalid("route.aliases[" + i + "]", "'" + aliases.get(i) + "' already names a model");
      }
    }
  }

  /** Puts the new route changes in effect, then stores them; a store failure puts the old ones back. */
  private void commit(Map<String, ModelRoute> next, Runnable persist) {
    Map<String, ModelRoute> previous = runtime.routeChanges();
    try {
      runtime.changeRoutes(next);
    } catch (GatewayException e) {
      // The route table names the entry as routes.<model>.<field>; the caller sent route.<field>.
      List<FieldViolation> fields = e.violations().stream()
          .map(v -> new FieldViolation("route." + v.field().substring(v.field().lastIndexOf('.') + 1),
              v.description()))
          .toList();
      throw GatewayException.builder(e.kind(), e.getMessage()).violations(fields).build();
    }
    try {
      persist.run();
    } catch (RuntimeException e) {
      runtime.changeRoutes(previous);
      throw e;
    }
  }

  private void changed(String action, String model, ModelRoute before, ModelRoute after) {
    changes.publish(StoreChange.catalog());
    audit.record(action, "route/" + model, before, after);
  }
}
