package dev.llmgateway.server.telemetry;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The attribute keys the gateway puts on spans and metrics besides the GenAI ones: RPC identity,
 * the outcome, and our own per-call values. Keys are built once here and reused, never per call.
 */
public final class GatewayAttributes {
  /** Always {@code grpc} on our server spans. */
  public static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");
  /** The full service name, e.g. {@code llmgateway.v1.GatewayService}. */
  public static final AttributeKey<String> RPC_SERVICE = AttributeKey.stringKey("rpc.service");
  /** The method name without its service, e.g. {@code Complete}. */
  public static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");
  /** The numeric gRPC status code a call ended with. */
  public static final AttributeKey<Long> RPC_GRPC_STATUS_CODE = AttributeKey.longKey("rpc.grpc.status_code");
  /** The gRPC status code name a call ended with, e.g. {@code OK}, {@code UNAVAILABLE}. */
  public static final AttributeKey<String> RPC_STATUS = AttributeKey.stringKey("rpc.response.status_code");
  /** The class of error a span or measurement ended with; absent on success. */
  public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  /** The id (never the secret) of the API key a call was made with. */
  public static final AttributeKey<String> KEY_ID = AttributeKey.stringKey("llmgateway.key.id");
  /** The call's request id, as echoed in {@code x-request-id}. */
  public static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("llmgateway.request.id");
  /** The quota limit that rejected a call, e.g. {@code requests-per-minute}. */
  public static final AttributeKey<String> QUOTA_LIMIT = AttributeKey.stringKey("llmgateway.quota.limit");

  private GatewayAttributes() {}
}
