package dev.llmgateway.server.edge;

import io.grpc.Metadata;

/** The metadata keys the gateway reads or writes. */
public final class GatewayHeaders {
  /** Request and response header carrying the request id. */
  public static final Metadata.Key<String> X_REQUEST_ID =
      Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

  private GatewayHeaders() {}
}
