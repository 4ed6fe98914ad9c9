package dev.llmgateway.server.errors;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.QuotaFailure;
import com.google.rpc.RetryInfo;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import javax.annotation.Nullable;

/**
 * Turns a {@link GatewayException} into the gRPC status the caller sees: one canonical code per
 * {@link ErrorKind}, a short developer-facing description, and {@code google.rpc} details
 * (ErrorInfo always; RetryInfo when a delay is known; BadRequest for invalid fields). This is the
 * only place in the gateway that chooses a status code. Stateless and thread-safe.
 */
public final class StatusMapper {
  /** The ErrorInfo domain of every error the gateway raises. */
  public static final String DOMAIN = "llmgateway.dev";

  /**
   * Returns the status for {@code e}, with {@code requestId} in the ErrorInfo metadata beside the
   * exception's own entries (which never replace request_id, provider or model).
   */
  public StatusRuntimeException toStatusException(GatewayException e, @Nullable String requestId) {
    Code code = codeOf(e.kind());
    String description = descriptionOf(e);
    ErrorInfo.Builder info = ErrorInfo.newBuilder().setReason(e.kind().name()).setDomain(DOMAIN)
        .putAllMetadata(e.metadata());
    if (requestId != null) {
      info.putMetadata("request_id", requestId);
    }
    if (e.provider() != null) {
      info.putMetadata("provider", e.provider());
    }
    if (e.model() != null) {
      info.putMetadata("model", e.model());
    }
    com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
        .setCode(code.getNumber())
        .setMessage(description)
        .addDetails(Any.pack(info.build()));
    if (e.retryAfter() != null) {
      status.addDetails(Any.pack(retryInfo(e.retryAfter())));
    }
    if (!e.violations().isEmpty()) {
      BadRequest.Builder bad = BadRequest.newBuilder();
      for (FieldViolation v : e.violations()) {
        bad.addFieldViolations(BadRequest.FieldViolation.newBuilder()
            .setField(v.field()).setDescription(v.description()));
      }
      status.addDetails(Any.pack(bad.build()));
    }
    if (!e.quotaViolations().isEmpty()) {
      QuotaFailure.Builder quota = QuotaFailure.newBuilder();
      for (QuotaViolation v : e.quotaViolations()) {
        quota.addViolations(QuotaFailure.Violation.newBuilder().setSubject(v.subject()).setDescription(v.description()));
      }
      status.addDetails(Any.pack(quota.build()));
    }
    return StatusProto.toStatusRuntimeException(status.build());
  }

  /** Returns the canonical code for a kind. */
  public static Code codeOf(ErrorKind kind) {
    return switch (kind) {
      case INVALID_REQUEST, CONTEXT_WINDOW_EXCEEDED, CONTENT_FILTERED -> Code.INVALID_ARGUMENT;
      case UNAUTHENTICATED -> Code.UNAUTHENTICATED;
      case PERMISSION_DENIED -> Code.PERMISSION_DENIED;
      case MODEL_NOT_FOUND, NOT_FOUND -> Code.NOT_FOUND;
      case ALREADY_EXISTS -> Code.ALREADY_EXISTS;
      case FAILED_PRECONDITION -> Code.FAILED_PRECONDITION;
      case QUOTA_EXCEEDED -> Code.RESOURCE_EXHAUSTED;
      // Upstream throttling is the gateway's capacity problem, not the caller's quota: UNAVAILABLE
      // keeps client retry policies to the one retryable code.
      case PROVIDER_RATE_LIMITED, PROVIDER_UNAVAILABLE, PROVIDER_TIMEOUT, PROVIDER_PROTOCOL_ERROR,
          STORE_UNAVAILABLE -> Code.UNAVAILABLE;
      case DEADLINE_EXCEEDED -> Code.DEADLINE_EXCEEDED;
      case CANCELLED -> Code.CANCELLED;
      case PROVIDER_MISCONFIGURED, INTERNAL -> Code.INTERNAL;
    };
  }

  private static String descriptionOf(GatewayException e) {
    return switch (e.kind()) {
      // Operators see the cause in the log; callers only learn that it is not their fault.
      case PROVIDER_MISCONFIGURED -> "provider '" + e.provider() + "' rejected the gateway's configuration";
      case INTERNAL -> "internal error";
      default -> e.getMessage();
    };
  }

  private static RetryInfo retryInfo(Duration delay) {
    return RetryInfo.newBuilder()
        .setRetryDelay(com.google.protobuf.Duration.newBuilder()
            .setSeconds(delay.getSeconds())
            .setNanos(delay.getNano()))
        .build();
  }
}
