package dev.llmgateway.server.edge;

import static java.util.Objects.requireNonNull;

import dev.llmgateway.server.store.Scope;
import java.util.Set;

/**
 * The authenticated caller of one call, as the auth interceptor leaves it in the gRPC Context under
 * {@link RequestContext#PRINCIPAL}.
 *
 * @param keyId the API key's public id: the tenant that quotas and usage are counted against
 * @param keyName the key's display name
 * @param scopes what the key may call
 * @param modelAllowList the models (ids or aliases) the key may use; empty allows all
 */
public record Principal(String keyId, String keyName, Set<Scope> scopes, Set<String> modelAllowList) {
  public Principal {
    requireNonNull(keyId, "keyId");
    requireNonNull(keyName, "keyName");
    scopes = Set.copyOf(scopes);
    modelAllowList = Set.copyOf(modelAllowList);
  }

  /** Returns whether the key may use any of the names a model goes by. */
  public boolean allowsModel(Iterable<String> names) {
    if (modelAllowList.isEmpty()) {
      return true;
    }
    for (String name : names) {
      if (modelAllowList.contains(name)) {
        return true;
      }
    }
    return false;
  }
}
