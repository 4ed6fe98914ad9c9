package dev.llmgateway.server.errors;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * A failure classified into an {@link ErrorKind}. Its message is safe to show the caller: it never
 * holds provider bodies, credentials or prompts. The underlying cause, if any, is kept for the log.
 */
public final class GatewayException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorKind kind;
  @Nullable private final String provider;
  @Nullable private final String model;
  @Nullable private final Duration retryAfter;
  private final int upstreamStatus;
  private final transient List<FieldViolation> violations;
  private final transient List<QuotaViolation> quotaViolations;
  private final transient Map<String, String> metadata;

  private GatewayException(Builder b) {
    super(b.message, b.cause);
    this.kind = b.kind;
    this.provider = b.provider;
    this.model = b.model;
    this.retryAfter = b.retryAfter;
    this.upstreamStatus = b.upstreamStatus;
    this.violations = List.copyOf(b.violations);
    this.quotaViolations = List.copyOf(b.quotaViolations);
    this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
  }

  /** Starts an exception of the given kind with a caller-safe message. */
  public static Builder builder(ErrorKind kind, String message) {
    return new Builder(kind, message);
  }

  /** Returns an INVALID_REQUEST exception naming one bad field. */
  public static GatewayException invalidField(String field, String description) {
    return builder(ErrorKind.INVALID_REQUEST, field + ": " + description)
        .violations(List.of(new FieldViolation(field, description)))
        .build();
  }

  public ErrorKind kind() {
    return kind;
  }

  /** Returns the configured provider name involved, or null before one was chosen. */
  @Nullable
  public String provider() {
    return provider;
  }

  /** Returns the model involved, or null when unknown. */
  @Nullable
  public String model() {
    return model;
  }

  /** Returns how long to wait before trying again, or null when nobody said. */
  @Nullable
  public Duration retryAfter() {
    return retryAfter;
  }

  /** Returns the upstream HTTP status that caused this, or 0 when there was none. */
  public int upstreamStatus() {
    return upstreamStatus;
  }

  /** Returns the invalid fields, for INVALID_REQUEST; empty otherwise. */
  public List<FieldViolation> violations() {
    return violations;
  }

  /** Returns the exhausted quotas, for QUOTA_EXCEEDED; empty otherwise. */
  public List<QuotaViolation> quotaViolations() {
    return quotaViolations;
  }

  /**
   * Returns extra caller-safe ErrorInfo metadata (for example why a key was refused), in the order added;
   * empty for most errors.
   */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** Returns a copy that also names the provider and model, keeping everything else. */
  public GatewayException withTarget(@Nullable String provider, @Nullable String model) {
    Builder b = builder(kind, getMessage()).retryAfter(retryAfter).upstreamStatus(upstreamStatus)
        .violations(violations).quotaViolations(quotaViolations).cause(getCause());
    metadata.forEach(b::metadata);
    b.provider(this.provider != null ? this.provider : provider);
    b.model(this.model != null ? this.model : model);
    GatewayException copy = b.build();
    copy.setStackTrace(getStackTrace());
    return copy;
  }

  /** Returns a copy with one more ErrorInfo metadata entry (replacing one of the same key). */
  public GatewayException withMetadata(String key, String value) {
    Builder b = builder(kind, getMessage()).retryAfter(retryAfter).upstreamStatus(upstreamStatus)
        .violations(violations).quotaViolations(quotaViolations).cause(getCause()).provider(provider).model(model);
    metadata.forEach(b::metadata);
    b.metadata(key, value);
    GatewayException copy = b.build();
    copy.setStackTrace(getStackTrace());
    return copy;
  }

  /** Builds a {@link GatewayException}. */
  public static final class Builder {
    private final ErrorKind kind;
    private final String message;
    @Nullable private String provider;
    @Nullable private String model;
    @Nullable private Duration retryAfter;
    private int upstreamStatus;
    private List<FieldViolation> violations = List.of();
    private List<QuotaViolation> quotaViolations = List.of();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    @Nullable private Throwable cause;

    private Builder(ErrorKind kind, String message) {
      this.kind = requireNonNull(kind, "kind");
      this.message = requireNonNull(message, "message");
    }

    public Builder provider(@Nullable String provider) {
      this.provider = provider;
      return this;
    }

    public Builder model(@Nullable String model) {
      this.model = model;
      return this;
    }

    public Builder retryAfter(@Nullable Duration retryAfter) {
      this.retryAfter = retryAfter;
      return this;
    }

    public Builder upstreamStatus(int upstreamStatus) {
      this.upstreamStatus = upstreamStatus;
      return this;
    }

    public Builder violations(List<FieldViolation> violations) {
      this.violations = requireNonNull(violations, "violations");
      return this;
    }

    public Builder quotaViolations(List<QuotaViolation> quotaViolations) {
      this.quotaViolations = requireNonNull(quotaViolations, "quotaViolations");
      return this;
    }

    /** Adds one ErrorInfo metadata entry; the value must be safe to show the caller. */
    public Builder metadata(String key, String value) {
      metadata.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
      return this;
    }

    public Builder cause(@Nullable Throwable cause) {
      this.cause = cause;
      return this;
    }

    public GatewayException build() {
      return new GatewayException(this);
    }
  }
}
