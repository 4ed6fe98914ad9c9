package dev.llmgateway.server.edge;

import io.grpc.Context;

/** The per-call values edge interceptors attach to the gRPC {@link Context}. */
public final class RequestContext {
  /** The call's request id: the caller's {@code x-request-id} if well-formed, else a generated one. */
  public static final Context.Key<String> REQUEST_ID = Context.key("llmgateway-request-id");

  /** The authenticated caller; absent on services that need no key (health, reflection). */
  public static final Context.Key<Principal> PRINCIPAL = Context.key("llmgateway-principal");

  /** Headers and trailers the handler adds to the response. */
  public static final Context.Key<ResponseMetadata> RESPONSE_METADATA = Context.key("llmgateway-response-metadata");

  private RequestContext() {}

  /** Returns the current call's principal, or null when the call is not authenticated. */
  @javax.annotation.Nullable
  public static Principal principal() {
    return PRINCIPAL.get();
  }

  /** Returns the current call's request id, or "-" outside a call. */
  public static String requestId() {
    String id = REQUEST_ID.get();
    return id != null ? id : "-";
  }
}
