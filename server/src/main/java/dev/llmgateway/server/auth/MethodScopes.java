package dev.llmgateway.server.auth;

import dev.llmgateway.server.store.Scope;
import java.util.Map;
import java.util.Optional;

/**
 * Says which scope each gRPC method behind the key check needs: the one table of it. An entry ending in
 * {@code /} covers every method of that service; any other entry is one full method name.
 */
public final class MethodScopes {
  private static final String GATEWAY = "llmgateway.v1.GatewayService/";

  private static final Map<String, Scope> SCOPES = Map.of(
      GATEWAY + "Complete", Scope.COMPLETE,
      GATEWAY + "CompleteStream", Scope.COMPLETE,
      GATEWAY + "CountTokens", Scope.COMPLETE,
      GATEWAY + "GenerateImage", Scope.COMPLETE,
      GATEWAY + "Embed", Scope.EMBED,
      GATEWAY + "ListModels", Scope.MODELS,
      "llmgateway.v1.AdminService/", Scope.ADMIN);

  private MethodScopes() {}

  /**
   * Returns the scope a key needs to call {@code fullMethodName} ({@code package.Service/Method}), or empty
   * when the table does not know the method, which no key may then call.
   */
  public static Optional<Scope> required(String fullMethodName) {
    Scope exact = SCOPES.get(fullMethodName);
    if (exact != null) {
      return Optional.of(exact);
    }
    int slash = fullMethodName.indexOf('/');
    return slash < 0 ? Optional.empty() : Optional.ofNullable(SCOPES.get(fullMethodName.substring(0, slash + 1)));
  }
}
