package dev.llmgateway.server.edge;

import io.grpc.Metadata;

/** The metadata keys the gateway reads or writes. */
public final class GatewayHeaders {
  /** Request and response header carrying the request id. */
  public static final Metadata.Key<String> X_REQUEST_ID =
      Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

  /**
   * Response header with what is left of each limited quota after this call's reservation, as
   * {@code limit=remaining} pairs separated by commas (e.g. {@code requests_per_minute=59}).
   */
  public static final Metadata.Key<String> X_QUOTA_REMAINING =
      Metadata.Key.of("x-quota-remaining", Metadata.ASCII_STRING_MARSHALLER);

  /**
   * Response trailer with the gateway's own share of the call's time in microseconds: the call's duration
   * minus the time spent waiting on the provider.
   */
  public static final Metadata.Key<String> X_GATEWAY_OVERHEAD_US =
      Metadata.Key.of("x-gateway-overhead-us", Metadata.ASCII_STRING_MARSHALLER);

  /**
   * Response trailer with the call's {@code llmgateway.v1.RouteReport}, serialized: the deployment that
   * served and every attempt with its error class. Sent on every routed call, failed ones included.
   */
  public static final Metadata.Key<byte[]> X_ROUTE_REPORT_BIN =
      Metadata.Key.of("x-route-report-bin", Metadata.BINARY_BYTE_MARSHALLER);

  /** Request header carrying the caller's API key as {@code Bearer <key>}. */
  public static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  /** Request header carrying the caller's API key as is, for clients that cannot set {@code authorization}. */
  public static final Metadata.Key<String> X_API_KEY = Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);

  /**
   * Request header steering the response cache for one call: comma-separated directives {@code no-cache}
   * (neither read nor write it), {@code refresh} (ask the provider and replace the cached answer),
   * {@code ttl=<duration>} (keep what this call stores for at most that long, e.g. {@code 30s}) and
   * {@code force} (cache even when sampling is hotter than the configured threshold).
   */
  public static final Metadata.Key<String> X_CACHE_CONTROL =
      Metadata.Key.of("x-cache-control", Metadata.ASCII_STRING_MARSHALLER);

  /** Response trailer with the response cache's verdict: {@code hit}, {@code miss}, {@code bypass}, ... */
  public static final Metadata.Key<String> X_CACHE = Metadata.Key.of("x-cache", Metadata.ASCII_STRING_MARSHALLER);

  private GatewayHeaders() {}
}
