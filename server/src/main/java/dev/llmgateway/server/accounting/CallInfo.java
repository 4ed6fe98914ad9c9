package dev.llmgateway.server.accounting;

import static java.util.Objects.requireNonNull;

/**
 * What a call is, for quotas, usage, metrics and the access log.
 *
 * @param requestId the gateway's request id (also the quota lease id)
 * @param method the RPC's short name, e.g. {@code Complete}
 * @param keyId the API key id, or {@link Accounting#ANONYMOUS}
 * @param modelId the catalogue model id (bounded set, safe as a metric attribute)
 * @param provider the configured provider name
 */
public record CallInfo(String requestId, String method, String keyId, String modelId, String provider) {
  public CallInfo {
    requireNonNull(requestId, "requestId");
    requireNonNull(method, "method");
    requireNonNull(keyId, "keyId");
    requireNonNull(modelId, "modelId");
    requireNonNull(provider, "provider");
  }
}
