package dev.llmgateway.server.providers;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import javax.annotation.Nullable;

/**
 * What an adapter needs for one upstream call.
 *
 * @param request the caller's request, validated, with the model entry's defaults already applied;
 *     its {@code model} field is the caller's name and must not be sent upstream
 * @param upstreamModel the model name to send to the provider
 * @param timeout how long the whole upstream call may take (the caller's remaining deadline, capped by
 *     configuration), or null for no overall limit
 * @param requestId the gateway's id for the call, for logs and correlation headers
 */
public record ProviderRequest<T>(T request, String upstreamModel, @Nullable Duration timeout, String requestId) {
  public ProviderRequest {
    requireNonNull(request, "request");
    requireNonNull(upstreamModel, "upstreamModel");
    requireNonNull(requestId, "requestId");
  }
}
