package dev.llmgateway.server.edge;

import io.grpc.Metadata;

/** The metadata keys the gateway reads or writes. */
public final class GatewayHeaders {
  /** Request and response header carrying the request id. */
  public static final Metadata.Key<String> X_REQUEST_ID =
      Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

  /** Request header carrying the caller's API key as {@code Bearer <key>}. */
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  /** Request header carrying the caller's API key as is, for clients that cannot set {@code authorization}. */
  public static final Metadata.Key<String> X_API_KEY = Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);

  private GatewayHeaders() {}
}
