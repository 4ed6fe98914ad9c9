package dev.llmgateway.server.telemetry;

import static java.util.Objects.requireNonNull;

/**
 * What one finished call did, as metrics and the access log record it. Holds identifiers, counts and
 * timings only: never a secret and never prompt or completion text. Strings are empty when unknown
 * (for example the model of a call rejected before routing).
 *
 * @param requestId the call's request id
 * @param method the RPC method name without its service, e.g. {@code Complete}
 * @param model the catalogue model id the call was routed to; empty when it was not routed. Must come
 *     from the catalogue, never straight from the request, so metric series stay bounded
 * @param provider the configured provider name that served the call; empty when none did
 * @param keyId the API key id; empty when the call was not authenticated
 * @param status the gRPC status code name the call ended with, e.g. {@code OK}
 * @param durationNanos the whole call, from the first interceptor to the status being sent
 * @param upstreamNanos the time spent waiting on the provider (0 when no upstream call was made)
 * @param timeToFirstTokenNanos from the start of the call to the first streamed token, or -1 for
 *     calls that streamed none
 * @param inputTokens input tokens billed, as the provider reported them
 * @param outputTokens output tokens billed, as the provider reported them
 * @param cachedInputTokens the part of {@code inputTokens} served from the provider's prompt cache
 * @param finishReason why generation stopped, e.g. {@code stop} (see {@link GenAiAttributes#finishReason});
 *     empty when the call produced no result
 */
public record CallOutcome(
    String requestId,
    String method,
    String model,
    String provider,
    String keyId,
    String status,
    long durationNanos,
    long upstreamNanos,
    long timeToFirstTokenNanos,
    long inputTokens,
    long outputTokens,
    long cachedInputTokens,
    String finishReason) {

  public CallOutcome {
    requireNonNull(requestId, "requestId");
    requireNonNull(method, "method");
    requireNonNull(model, "model");
    requireNonNull(provider, "provider");
    requireNonNull(keyId, "keyId");
    requireNonNull(status, "status");
    requireNonNull(finishReason, "finishReason");
  }

  /** Starts an outcome for call {@code requestId} of {@code method}; every other field starts empty or zero. */
  public static Builder builder(String requestId, String method) {
    return new Builder(requestId, method);
  }

  /** Returns the call time not spent waiting on the provider, never negative. */
  public long overheadNanos() {
    return Math.max(0, durationNanos - upstreamNanos);
  }

  /**
   * Builds a {@link CallOutcome}. Filled as the call goes (model after routing, tokens when the result
   * arrives); not thread-safe, so hand it between threads the way the call itself is handed on.
   */
  public static final class Builder {
    private final String requestId;
    private final String method;
    private String model = "";
    private String provider = "";
    private String keyId = "";
    private String status = "OK";
    private long durationNanos;
    private long upstreamNanos;
    private long timeToFirstTokenNanos = -1;
    private long inputTokens;
    private long outputTokens;
    private long cachedInputTokens;
    private String finishReason = "";

    private Builder(String requestId, String method) {
      this.requestId = requireNonNull(requestId, "requestId");
      this.method = requireNonNull(method, "method");
    }

    public Builder model(String model) {
      this.model = requireNonNull(model, "model");
      return this;
    }

    public Builder provider(String provider) {
      this.provider = requireNonNull(provider, "provider");
      return this;
    }

    public Builder keyId(String keyId) {
      this.keyId = requireNonNull(keyId, "keyId");
      return this;
    }

    /** Sets the gRPC status code name; {@code OK} unless set. */
    public Builder status(String status) {
      this.status = requireNonNull(status, "status");
      return this;
    }

    public Builder durationNanos(long durationNanos) {
      this.durationNanos = durationNanos;
      return this;
    }

    public Builder upstreamNanos(long upstreamNanos) {
      this.upstreamNanos = upstreamNanos;
      return this;
    }

    public Builder timeToFirstTokenNanos(long timeToFirstTokenNanos) {
      this.timeToFirstTokenNanos = timeToFirstTokenNanos;
      return this;
    }

    /** Sets the token counts; {@code cached} is the part of {@code input} read from a prompt cache. */
    public Builder tokens(long input, long output, long cached) {
      this.inputTokens = input;
      this.outputTokens = output;
      this.cachedInputTokens = cached;
      return this;
    }

    public Builder finishReason(String finishReason) {
      this.finishReason = requireNonNull(finishReason, "finishReason");
      return this;
    }

    public CallOutcome build() {
      return new CallOutcome(requestId, method, model, provider, keyId, status, durationNanos, upstreamNanos,
          timeToFirstTokenNanos, inputTokens, outputTokens, cachedInputTokens, finishReason);
    }
  }
}
