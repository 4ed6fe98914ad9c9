package dev.llmgateway.client;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.QuotaFailure;
import com.google.rpc.RetryInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.Nullable;

/**
 * The one exception {@link GatewayClient} throws for a failed call: the gRPC status code and
 * description, with the gateway's {@code google.rpc} details already decoded, so callers branch on
 * {@link #code()}, {@link #reason()} and the typed details rather than on message text.
 *
 * <p>The gateway's reasons (see {@code gateway_service.proto}) include {@code MODEL_NOT_FOUND}
 * (NOT_FOUND), {@code INVALID_REQUEST} (INVALID_ARGUMENT, with {@link #fieldViolations()}),
 * {@code PROVIDER_RATE_LIMITED} and {@code PROVIDER_UNAVAILABLE} (UNAVAILABLE, often with
 * {@link #retryDelay()}), and {@code QUOTA_EXCEEDED} (RESOURCE_EXHAUSTED, with
 * {@link #quotaViolations()}). Errors raised by the client itself (an expired deadline, a
 * cancellation, an unreachable gateway) carry the code only: {@link #reason()} is empty.
 */
public final class GatewayClientException extends RuntimeException {
  /** The ErrorInfo domain of every error the gateway raises. */
  public static final String DOMAIN = "llmgateway.dev";

  private static final Metadata.Key<com.google.rpc.Status> STATUS_DETAILS_KEY = Metadata.Key.of(
      "grpc-status-details-bin", ProtoUtils.metadataMarshaller(com.google.rpc.Status.getDefaultInstance()));

  /** One invalid request field, from a {@code google.rpc.BadRequest} detail. */
  public record FieldViolation(String field, String description) {}

  /** One exceeded quota, from a {@code google.rpc.QuotaFailure} detail. */
  public record QuotaViolation(String subject, String description) {}

  private final Status.Code code;
  private final String description;
  private final com.google.rpc.Status details;
  @Nullable private final ErrorInfo errorInfo;
  @Nullable private final Duration retryDelay;
  private final List<FieldViolation> fieldViolations;
  private final List<QuotaViolation> quotaViolations;

  private GatewayClientException(Status status, com.google.rpc.Status details, @Nullable Throwable cause) {
    super(status.getCode() + ": " + (status.getDescription() == null ? "" : status.getDescription()), cause);
    this.code = status.getCode();
    this.description = status.getDescription() == null ? "" : status.getDescription();
    this.details = details;
    ErrorInfo info = null;
    Duration delay = null;
    List<FieldViolation> fields = new ArrayList<>();
    List<QuotaViolation> quotas = new ArrayList<>();
    for (Any detail : details.getDetailsList()) {
      try {
        if (detail.is(ErrorInfo.class) && info == null) {
          info = detail.unpack(ErrorInfo.class);
        } else if (detail.is(RetryInfo.class)) {
          com.google.protobuf.Duration d = detail.unpack(RetryInfo.class).getRetryDelay();
          delay = Duration.ofSeconds(d.getSeconds(), d.getNanos());
        } else if (detail.is(BadRequest.class)) {
          for (BadRequest.FieldViolation v : detail.unpack(BadRequest.class).getFieldViolationsList()) {
            fields.add(new FieldViolation(v.getField(), v.getDescription()));
          }
        } else if (detail.is(QuotaFailure.class)) {
          for (QuotaFailure.Violation v : detail.unpack(QuotaFailure.class).getViolationsList()) {
            quotas.add(new QuotaViolation(v.getSubject(), v.getDescription()));
          }
        }
      } catch (InvalidProtocolBufferException e) {
        // A damaged detail must not hide the status itself; keep the parse error for diagnosis.
        addSuppressed(e);
      }
    }
    this.errorInfo = info;
    this.retryDelay = delay;
    this.fieldViolations = List.copyOf(fields);
    this.quotaViolations = List.copyOf(quotas);
  }

  /**
   * Converts a failure of a gRPC call into a {@code GatewayClientException}, decoding the
   * {@code grpc-status-details-bin} trailer when present. Anything that is not a gRPC status becomes
   * UNKNOWN with the original as the cause.
   */
  public static GatewayClientException from(Throwable failure) {
    requireNonNull(failure, "failure");
    if (failure instanceof GatewayClientException already) {
      return already;
    }
    Status status = Status.fromThrowable(failure);
    Metadata trailers = Status.trailersFromThrowable(failure);
    com.google.rpc.Status details = null;
    IllegalArgumentException damaged = null;
    if (trailers != null) {
      try {
        details = trailers.get(STATUS_DETAILS_KEY);
      } catch (IllegalArgumentException e) {
        damaged = e;
      }
    }
    if (details == null) {
      details = com.google.rpc.Status.newBuilder()
          .setCode(status.getCode().value())
          .setMessage(status.getDescription() == null ? "" : status.getDescription())
          .build();
    }
    GatewayClientException e = new GatewayClientException(status, details, failure);
    if (damaged != null) {
      e.addSuppressed(damaged);
    }
    return e;
  }

  /** Returns the gRPC status code. */
  public Status.Code code() {
    return code;
  }

  /** Returns the status description: short, developer-facing and safe to log; may be empty. */
  public String description() {
    return description;
  }

  /** Returns the ErrorInfo reason (such as {@code MODEL_NOT_FOUND}), or an empty string if there is none. */
  public String reason() {
    return errorInfo == null ? "" : errorInfo.getReason();
  }

  /** Returns the ErrorInfo domain ({@value #DOMAIN} for the gateway's own errors), or an empty string. */
  public String domain() {
    return errorInfo == null ? "" : errorInfo.getDomain();
  }

  /** Returns the ErrorInfo metadata ({@code request_id}, and {@code provider} and {@code model} once known). */
  public Map<String, String> metadata() {
    return errorInfo == null ? Map.of() : errorInfo.getMetadataMap();
  }

  /** Returns the gateway's request id for this call, to quote when reporting a problem. */
  public Optional<String> requestId() {
    return Optional.ofNullable(metadata().get("request_id"));
  }

  /** Returns the ErrorInfo detail as sent, if there was one. */
  public Optional<ErrorInfo> errorInfo() {
    return Optional.ofNullable(errorInfo);
  }

  /** Returns how long the gateway asks the caller to wait before retrying, when it said. */
  public Optional<Duration> retryDelay() {
    return Optional.ofNullable(retryDelay);
  }

  /** Returns the invalid request fields, in the order the gateway listed them; empty if none. */
  public List<FieldViolation> fieldViolations() {
    return fieldViolations;
  }

  /** Returns the exceeded quotas; empty if none. */
  public List<QuotaViolation> quotaViolations() {
    return quotaViolations;
  }

  /** Returns the whole {@code google.rpc.Status}, for details this class does not decode. */
  public com.google.rpc.Status statusProto() {
    return details;
  }

  /**
   * Returns whether trying the same call again later may succeed: true for UNAVAILABLE, which the
   * gateway uses only for transient provider trouble (the client's default policy already retried it
   * for unary calls).
   */
  public boolean isRetryable() {
    return code == Status.Code.UNAVAILABLE;
  }
}
